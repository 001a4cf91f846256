package cn.villagecounsel.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

@IntegrationTest
class TeamTest {

    @Autowired
    WebTestClient client;

    @Test
    void theBoardShowsTheTeamAndOnlyConsentedPhones() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "团队村");
        add(admin, village, "张建国", "VILLAGE_COMMITTEE", "13900001111", true);
        add(admin, village, "李秀兰", "MEDIATOR", "13900002222", false);

        client.get().uri("/api/v1/villages/{code}", village).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.team.length()").isEqualTo(2)
                .jsonPath("$.team[0].name").isEqualTo("张建国")
                .jsonPath("$.team[0].roleLabel").isEqualTo("村两委")
                .jsonPath("$.team[0].phone").isEqualTo("13900001111")
                .jsonPath("$.team[1].roleLabel").isEqualTo("调解员")
                .jsonPath("$.team[1].phone").doesNotExist();
        client.get().uri("/api/v1/admin/navigators?village={v}", village).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$[1].phone").isEqualTo("139****2222")
                .jsonPath("$[1].status").isEqualTo("INVITED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInviteCodeMakesAResidentTheVillagesNavigatorOnce() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "邀请村");
        Map<String, Object> invited = add(admin, village, "王网格", "GRID_WORKER", null, false);
        String code = (String) invited.get("inviteCode");
        String memberId = (String) ((Map<String, Object>) invited.get("navigator")).get("id");

        String resident = Sessions.accessToken(Sessions.wechat(client, "王网格"));
        Map<String, Object> tokens = redeem(resident, code.toLowerCase()).expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        String upgraded = Sessions.accessToken(tokens);
        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(upgraded)).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.roles[?(@ == 'NAVIGATOR')]").exists()
                .jsonPath("$.village.code").isEqualTo(village);

        String other = Sessions.accessToken(Sessions.wechat(client, "冒名者"));
        redeem(other, code).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("INVITE_INVALID");
        client.post().uri("/api/v1/admin/navigators/{id}/invite", memberId).headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("ALREADY_JOINED");
        List<Map<String, Object>> members = client.get().uri("/api/v1/admin/navigators?village={v}", village)
                .headers(h -> h.setBearerAuth(admin)).exchange()
                .expectBody(List.class).returnResult().getResponseBody();
        assertThat(members).singleElement().extracting(member -> member.get("status")).isEqualTo("ACTIVE");
        // An edit after joining keeps the membership.
        client.put().uri("/api/v1/admin/navigators/{id}", memberId).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "王网格员", "role", "GRID_WORKER"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("ACTIVE").jsonPath("$.name").isEqualTo("王网格员");
    }

    @Test
    void aReissuedCodeReplacesTheOldOne() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "换码村");
        Map<String, Object> invited = add(admin, village, "赵退伍", "VETERAN", null, false);
        @SuppressWarnings("unchecked")
        String id = (String) ((Map<String, Object>) invited.get("navigator")).get("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> reissued = client.post().uri("/api/v1/admin/navigators/{id}/invite", id)
                .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        String resident = Sessions.accessToken(Sessions.wechat(client, "赵退伍"));
        redeem(resident, (String) invited.get("inviteCode")).expectStatus().isBadRequest();
        redeem(resident, (String) reissued.get("inviteCode")).expectStatus().isOk();
    }

    @Test
    void removingAMemberTakesThemOffTheBoardAndOutsidersAreRefused() {
        String county = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, county, "移除村");
        @SuppressWarnings("unchecked")
        String id = (String) ((Map<String, Object>) add(county, village, "钱组长", "GROUP_LEADER", null, false)
                .get("navigator")).get("id");
        String otherTownship = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        client.get().uri("/api/v1/admin/navigators?village=621025101001").headers(h -> h.setBearerAuth(otherTownship))
                .exchange().expectStatus().isForbidden();

        client.delete().uri("/api/v1/admin/navigators/{id}", id).headers(h -> h.setBearerAuth(county))
                .exchange().expectStatus().isNoContent();
        client.get().uri("/api/v1/villages/{code}", village).exchange()
                .expectBody().jsonPath("$.team.length()").isEqualTo(0);
        client.post().uri("/api/v1/admin/navigators").headers(h -> h.setBearerAuth(county))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("villageCode", village, "name", "", "role", "PRIEST"))
                .exchange().expectStatus().isBadRequest();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> add(String admin, String village, String name, String role, String phone,
            boolean consent) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("villageCode", village, "name", name, "role", role,
                "phoneConsent", consent));
        if (phone != null) {
            body.put("phone", phone);
        }
        return client.post().uri("/api/v1/admin/navigators").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
    }

    private WebTestClient.ResponseSpec redeem(String token, String code) {
        return client.post().uri("/api/v1/me/navigator-invite").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", code)).exchange();
    }
}
