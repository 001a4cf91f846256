package cn.villagecounsel.api.question;

import static cn.villagecounsel.api.question.QuestionApi.actions;
import static cn.villagecounsel.api.question.QuestionApi.body;
import static cn.villagecounsel.api.question.QuestionApi.form;
import static cn.villagecounsel.api.question.QuestionApi.history;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.Sessions;
import cn.villagecounsel.api.ThroughWechatApi;
import cn.villagecounsel.api.question.QuestionApi.Advisor;

/**
 * Questions' text goes through WeChat's content check ({@code wxa/msg_sec_check}, WireMock playing WeChat): risky
 * text is refused and nothing is stored, text for review waits for an admin, and an outage lets the question through
 * marked unchecked.
 */
class ContentCheckThroughWechatTest extends ThroughWechatApi {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    WebTestClient client;

    @Autowired
    ReactiveMongoTemplate mongo;

    QuestionApi api;
    String openId;
    String resident;

    @BeforeEach
    void signIn() {
        api = new QuestionApi(client);
        openId = "oQ" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        String code = "code-" + openId;
        wechat.stubFor(get(urlPathEqualTo("/sns/jscode2session")).withQueryParam("js_code", equalTo(code))
                .willReturn(okJson("{\"openid\":\"%s\",\"session_key\":\"c2Vzc2lvbmtleXNlc3Npb25rZXk=\"}".formatted(openId))));
        resident = Sessions.accessToken(client.post().uri("/api/v1/auth/wechat").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("code", code)).exchange().expectStatus().isOk()
                .expectBody(QuestionApi.MAP).returnResult().getResponseBody());
    }

    @Test
    void riskyTextIsRefusedAndNothingIsStored() {
        verdict("转账", "risky", 20006);
        String village = api.village("检查村");

        Map<String, Object> problem = body(api.ask(resident, form(village, "帮我转账到这个账户，保证赚钱")), 422);

        assertThat(problem).containsEntry("code", "CONTENT_NOT_ALLOWED");
        assertThat((String) problem.get("detail")).contains("请修改后再提交");
        assertThat(mongo.count(query(where("villageCode").is(village)), Question.class).block(WAIT)).isZero();
        wechat.verify(postRequestedFor(urlPathEqualTo("/wxa/msg_sec_check"))
                .withRequestBody(containing(openId)).withRequestBody(containing("version")));
    }

    @Test
    void textForReviewWaitsForAnAdminAndReachesTheQueueOnceApproved() {
        verdict("审核", "review", 20001);
        String village = api.village("审核村");
        Advisor advisor = api.advisor("审核村顾问", village);

        Map<String, Object> held = body(api.ask(resident, form(village, "这个审核一下的问题内容比较敏感")), 201);
        String id = (String) held.get("id");

        assertThat(held).containsEntry("status", "HELD_FOR_REVIEW").containsEntry("contentCheck", "REVIEW");
        assertThat(api.queue(advisor.token())).extracting(item -> item.get("id")).doesNotContain(id);
        assertThat(actions(api.question(api.admin, id))).containsExactly("REVIEW");
        assertThat(body(api.post(api.admin, "/api/v1/admin/questions/{id}/review", Map.of("decision", "REJECT"), id), 400))
                .containsEntry("code", "VALIDATION_FAILED");
        assertThat(body(api.post(advisor.token(), "/api/v1/admin/questions/{id}/review", Map.of("decision", "APPROVE"), id),
                403)).containsEntry("code", "FORBIDDEN");

        Map<String, Object> approved = body(api.post(api.admin, "/api/v1/admin/questions/{id}/review",
                Map.of("decision", "APPROVE"), id), 200);

        assertThat(approved).containsEntry("status", "OPEN");
        assertThat(history(approved)).containsExactly("ASKED", "HELD_FOR_REVIEW", "APPROVED");
        assertThat(api.queue(advisor.token())).extracting(item -> item.get("id")).contains(id);
        assertThat(body(api.post(api.admin, "/api/v1/admin/questions/{id}/review", Map.of("decision", "APPROVE"), id), 409))
                .containsEntry("code", "QUESTION_STATE_CHANGED");
    }

    @Test
    void whenWechatCannotCheckTheQuestionGoesOnMarkedUnchecked() {
        wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check"))
                .willReturn(okJson("{\"errcode\":61010,\"errmsg\":\"user is not in the access state\"}")));
        String village = api.village("未检村");

        Map<String, Object> asked = body(api.ask(resident, form(village, "两个小时没打开小程序的人提的问题")), 201);

        assertThat(asked).containsEntry("status", "OPEN").containsEntry("contentCheck", "UNCHECKED");
    }

    private static void verdict(String word, String suggest, int label) {
        wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).willReturn(okJson(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"pass\",\"label\":100},\"detail\":[],\"trace_id\":\"t\"}")));
        wechat.stubFor(post(urlPathEqualTo("/wxa/msg_sec_check")).withRequestBody(containing(word)).willReturn(okJson(
                "{\"errcode\":0,\"errmsg\":\"ok\",\"result\":{\"suggest\":\"%s\",\"label\":%d},\"detail\":[],\"trace_id\":\"t\"}"
                        .formatted(suggest, label))));
    }
}
