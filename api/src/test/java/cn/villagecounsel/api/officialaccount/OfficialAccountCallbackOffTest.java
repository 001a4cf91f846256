package cn.villagecounsel.api.officialaccount;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.villagecounsel.api.IntegrationTest;

/** Without an Official Account token there is no callback: {@code /wx/mp} is not found, not forbidden. */
@IntegrationTest
class OfficialAccountCallbackOffTest {

    @Autowired
    WebTestClient client;

    @Test
    void withoutATokenTheCallbackIsNotFound() {
        client.get().uri("/wx/mp?signature=x&timestamp=1&nonce=2&echostr=3").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        client.post().uri("/wx/mp").contentType(MediaType.TEXT_XML).bodyValue("<xml/>").exchange()
                .expectStatus().isNotFound();
    }
}
