package cn.villagecounsel.api.village;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;


import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.ThroughWechatApi;
import cn.villagecounsel.api.Sessions;

/**
 * A configured mini-program against WeChat's documented API (WireMock): group binding with data encrypted
 * under the session keys WeChat handed out, and the printable notice's mini-program code.
 */
class VillageGroupThroughWxJavaTest extends ThroughWechatApi {

    @Autowired
    WebTestClient client;

    @Test
    void aShareCardOpenedInTheBoundGroupBringsTheResidentToTheVillage() throws Exception {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "群聊村");
        String openGid = "tGx" + ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L);

        String adminKey = sessionKey();
        stubSession("admin-code", "o-admin-" + openGid, adminKey);
        client.post().uri("/api/v1/me/wechat").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "admin-code"))
                .exchange().expectStatus().isNoContent();
        client.post().uri("/api/v1/villages/{code}/wechat-groups", village).headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(groupData(adminKey, openGid))
                .exchange().expectStatus().isNoContent();

        String residentKey = sessionKey();
        stubSession("resident-code", "o-resident-" + openGid, residentKey);
        String resident = Sessions.accessToken(client.post().uri("/api/v1/auth/wechat")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("code", "resident-code"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody());
        client.post().uri("/api/v1/me/group-context").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(groupData(residentKey, openGid))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.code").isEqualTo(village).jsonPath("$.name").isEqualTo("群聊村");
        client.get().uri("/api/v1/me").headers(h -> h.setBearerAuth(resident)).exchange()
                .expectBody().jsonPath("$.village.code").isEqualTo(village);

        client.post().uri("/api/v1/me/group-context").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(groupData(residentKey, openGid + "x"))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("GROUP_NOT_BOUND");
        Map<String, String> tampered = groupData(residentKey, openGid);
        tampered = Map.of("encryptedData", tampered.get("encryptedData"), "iv",
                Base64.getEncoder().encodeToString(new byte[16]));
        client.post().uri("/api/v1/me/group-context").headers(h -> h.setBearerAuth(resident))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(tampered)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_DATA_INVALID");
    }

    @Test
    void onlyTheVillagesAdvisorOrAdminMayBindAndOnlyWithAWechatSession() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "无权村");
        List<String> stranger = Directory.newAdvisor(client, admin, "外村律师");
        String advisor = Sessions.accessToken(Sessions.staff(client, stranger.get(1), stranger.get(2)));

        client.post().uri("/api/v1/villages/{code}/wechat-groups", village).headers(h -> h.setBearerAuth(advisor))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("encryptedData", "AAAA", "iv", "AAAA"))
                .exchange().expectStatus().isForbidden();
        String township = Sessions.accessToken(Sessions.staff(client, "shanhe-admin", "Demo@2026"));
        client.post().uri("/api/v1/villages/{code}/wechat-groups", village).headers(h -> h.setBearerAuth(township))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("encryptedData", "AAAA", "iv", "AAAA"))
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("WECHAT_SESSION_MISSING");
    }

    @Test
    void theNoticeCarriesTheMiniProgramCodeWeChatMadeForTheVillage() throws Exception {
        byte[] code = png(120);
        wechat.stubFor(post(urlPathEqualTo("/wxa/getwxacodeunlimit"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(code)));

        byte[] notice = client.get().uri("/api/v1/villages/621025100202/notice?format=png").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(notice)).getHeight()).isGreaterThan(1000);
        client.get().uri("/api/v1/villages/621025100202/notice?format=pdf").exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF);
        // The code is asked for once and reused: WeChat's code API is rate-limited.
        wechat.verify(1, postRequestedFor(urlPathEqualTo("/wxa/getwxacodeunlimit")));
        assertThat(wechat.findAll(postRequestedFor(urlPathEqualTo("/wxa/getwxacodeunlimit"))).get(0).getBodyAsString())
                .contains("\"scene\":\"621025100202\"");

        wechat.stubFor(post(urlPathEqualTo("/wxa/getwxacodeunlimit"))
                .willReturn(okJson("{\"errcode\":45009,\"errmsg\":\"reach max api daily quota limit\"}")));
        client.get().uri("/api/v1/villages/621025100203/notice").exchange()
                .expectStatus().isEqualTo(429)
                .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
    }

    private void stubSession(String code, String openid, String sessionKey) {
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(code))
                .willReturn(okJson("{\"openid\":\"" + openid + "\",\"session_key\":\"" + sessionKey + "\"}")));
    }

    private static String sessionKey() {
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** What wx.getGroupEnterInfo hands the mini-program: AES-128-CBC under the user's session key. */
    private static Map<String, String> groupData(String sessionKey, String openGid) throws Exception {
        byte[] iv = new byte[16];
        ThreadLocalRandom.current().nextBytes(iv);
        String json = "{\"opengid\":\"" + openGid + "\",\"watermark\":{\"timestamp\":1763800000,\"appid\":\"" + APP_ID
                + "\"}}";
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(Base64.getDecoder().decode(sessionKey), "AES"),
                new IvParameterSpec(iv));
        return Map.of("encryptedData", Base64.getEncoder().encodeToString(cipher.doFinal(json.getBytes(StandardCharsets.UTF_8))),
                "iv", Base64.getEncoder().encodeToString(iv));
    }

    private static byte[] png(int size) throws Exception {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
