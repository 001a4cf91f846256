package cn.villagecounsel.api.question;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.Sessions;

/** Drives the question and queue endpoints (and the directory endpoints they need) as the clients would. */
final class QuestionApi {

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    /** An advisor's profile id and sign-in. */
    record Advisor(String id, String token) {
    }

    final WebTestClient client;
    final String admin;

    QuestionApi(WebTestClient client) {
        this.client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        this.admin = Directory.countyAdmin(this.client);
    }

    String village(String name) {
        return Directory.newVillage(client, admin, name);
    }

    /** A new advisor serving the given villages. */
    Advisor advisor(String name, String... villages) {
        List<String> advisor = Directory.newAdvisor(client, admin, name);
        for (String village : villages) {
            Directory.fileAgreement(client, admin, advisor.get(0), village);
        }
        return new Advisor(advisor.get(0), Sessions.accessToken(Sessions.staff(client, advisor.get(1), advisor.get(2))));
    }

    String resident(String name) {
        return Sessions.accessToken(Sessions.wechat(client, name + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** A resident made a legal-savvy resident of the village through the 1+N invitation. */
    String navigator(String village, String name) {
        Map<String, Object> invited = body(post(admin, "/api/v1/admin/navigators",
                Map.of("villageCode", village, "name", name, "role", "GRID_WORKER", "phoneConsent", false)), 201);
        String resident = resident(name);
        return Sessions.accessToken(body(post(resident, "/api/v1/me/navigator-invite", Map.of("code", invited.get("inviteCode"))), 200));
    }

    static Map<String, Object> form(String village, String text) {
        Map<String, Object> form = new HashMap<>();
        form.put("villageCode", village);
        form.put("topic", "LAND");
        form.put("text", text);
        return form;
    }

    WebTestClient.ResponseSpec ask(String token, Map<String, Object> form) {
        return ask(token, UUID.randomUUID().toString(), form);
    }

    WebTestClient.ResponseSpec ask(String token, String key, Map<String, Object> form) {
        return client.post().uri("/api/v1/questions").headers(h -> {
                    h.setBearerAuth(token);
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue(form).exchange();
    }

    /** Asks and answers the new question's id. */
    String asked(String token, String village, String text) {
        return (String) body(ask(token, form(village, text)), 201).get("id");
    }

    WebTestClient.ResponseSpec upload(String token, String filename, byte[] content) {
        MultipartBodyBuilder parts = new MultipartBodyBuilder();
        parts.part("file", content).filename(filename).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return client.post().uri("/api/v1/questions/attachments").headers(h -> h.setBearerAuth(token))
                .body(BodyInserters.fromMultipartData(parts.build())).exchange();
    }

    WebTestClient.ResponseSpec claim(String token, String questionId) {
        return post(token, "/api/v1/questions/{id}/claim", Map.of(), questionId);
    }

    WebTestClient.ResponseSpec answer(String token, String questionId, String text) {
        return post(token, "/api/v1/questions/{id}/answer", Map.of("text", text), questionId);
    }

    WebTestClient.ResponseSpec post(String token, String uri, Object body, Object... variables) {
        return client.post().uri(uri, variables).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String token, String uri, Object... variables) {
        return client.get().uri(uri, variables).headers(h -> h.setBearerAuth(token)).exchange();
    }

    Map<String, Object> question(String token, String id) {
        return body(get(token, "/api/v1/questions/{id}", id), 200);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> queue(String token) {
        return (List<Map<String, Object>>) body(get(token, "/api/v1/queue?limit=50"), 200).get("items");
    }

    static Map<String, Object> body(WebTestClient.ResponseSpec response, int status) {
        return response.expectStatus().isEqualTo(status).expectBody(MAP).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    static List<String> actions(Map<String, Object> question) {
        return (List<String>) question.get("actions");
    }

    @SuppressWarnings("unchecked")
    static List<String> history(Map<String, Object> question) {
        return ((List<Map<String, Object>>) question.get("history")).stream().map(entry -> (String) entry.get("action"))
                .toList();
    }
}
