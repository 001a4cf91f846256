package cn.villagecounsel.api.account;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.common.Role;

@IntegrationTest
class StaffSignInTest {

    @Autowired
    WebTestClient client;

    @Autowired
    UserRepository users;

    @Autowired
    PasswordHashing passwords;

    @Test
    void theDemoCountyAdminSignsInAndSeesTheirCounty() {
        String token = Sessions.accessToken(Sessions.staff(client, "zn-admin", "Demo@2026"));

        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.username").isEqualTo("zn-admin")
                .jsonPath("$.roles").isEqualTo(List.of("ADMIN"))
                .jsonPath("$.regions[0].code").isEqualTo("621025000000")
                .jsonPath("$.regions[0].name").isEqualTo("正宁县")
                .jsonPath("$.regions[0].level").isEqualTo("COUNTY");
    }

    @Test
    void usernamesAreCaseInsensitive() {
        Sessions.staff(client, " Shanhe-Admin ", "Demo@2026");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGiveTheSameAnswer() {
        String wrongPassword = login("advisor-li", "wrong-password").expectStatus().isUnauthorized()
                .expectBody(Map.class).returnResult().getResponseBody().get("detail").toString();
        String unknownUser = login("no-such-user", "whatever").expectStatus().isUnauthorized()
                .expectBody(Map.class).returnResult().getResponseBody().get("detail").toString();

        org.assertj.core.api.Assertions.assertThat(wrongPassword).isEqualTo(unknownUser).isEqualTo("用户名或密码错误。");
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountEvenForTheRightPassword() {
        String username = "lock-test-" + System.nanoTime();
        String hash = passwords.hash("Right@2026").block(Duration.ofSeconds(5));
        users.save(User.staff(username, hash, "锁定测试", Set.of(Role.ADMIN), List.of("621025100000"), Instant.now()))
                .block(Duration.ofSeconds(5));

        // test profile: 3 failures lock for 2 minutes
        login(username, "wrong-1").expectStatus().isUnauthorized();
        login(username, "wrong-2").expectStatus().isUnauthorized();
        login(username, "wrong-3").expectStatus().isEqualTo(HttpStatus.LOCKED)
                .expectBody().jsonPath("$.code").isEqualTo("ACCOUNT_LOCKED");

        login(username, "Right@2026")
                .expectStatus().isEqualTo(HttpStatus.LOCKED)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, retryAfter ->
                        org.assertj.core.api.Assertions.assertThat(Long.parseLong(retryAfter)).isBetween(1L, 120L))
                .expectBody()
                .jsonPath("$.code").isEqualTo("ACCOUNT_LOCKED")
                .jsonPath("$.detail").value(detail ->
                        org.assertj.core.api.Assertions.assertThat((String) detail).contains("临时锁定"));
    }

    @Test
    void unknownUsernamesLockTooSoTheLockRevealsNothing() {
        String username = "ghost-" + System.nanoTime();
        login(username, "a").expectStatus().isUnauthorized();
        login(username, "b").expectStatus().isUnauthorized();
        login(username, "c").expectStatus().isEqualTo(HttpStatus.LOCKED);
    }

    @Test
    void missingFieldsAreAValidationProblemWithFieldErrors() {
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", ""))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[?(@.field == 'username')].message").isEqualTo("请输入用户名")
                .jsonPath("$.errors[?(@.field == 'password')].message").isEqualTo("请输入密码");
    }

    @Test
    void malformedJsonIsA400ProblemInChinese() {
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"zn-admin\", ")
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("MALFORMED_REQUEST")
                .jsonPath("$.detail").value(detail ->
                        org.assertj.core.api.Assertions.assertThat((String) detail).contains("请求内容无法解析"));
    }

    private WebTestClient.ResponseSpec login(String username, String password) {
        return client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }
}
