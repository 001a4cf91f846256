package cn.villagecounsel.api.village;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;

import cn.villagecounsel.api.Directory;
import cn.villagecounsel.api.IntegrationTest;
import cn.villagecounsel.api.Sessions;

/** The printable notice and the group QR image in sandbox mode (no mini-program configured). */
@IntegrationTest
class PrintableNoticeTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Autowired
    WebTestClient client;

    @Test
    void theNoticeIsAnA4PageWithTheBoardsFacts() throws Exception {
        byte[] png = client.get().uri("/api/v1/villages/621025100201/notice").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat((double) image.getHeight() / image.getWidth()).isCloseTo(297.0 / 210.0, org.assertj.core.data.Offset.offset(0.01));

        byte[] pdf = client.get().uri("/api/v1/villages/621025100201/notice?format=pdf").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueMatches("Content-Disposition", "inline;.*\\.pdf.*")
                .expectBody(byte[].class).returnResult().getResponseBody();
        String text = new PdfTextExtractor(new PdfReader(pdf)).getTextFromPage(1);
        assertThat(text).contains("柳林村", "李文博", "0934-5212345");
    }

    @Test
    void aWrongFormatOrPlaceIsAProblem() {
        client.get().uri("/api/v1/villages/621025100201/notice?format=docx").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("format");
        client.get().uri("/api/v1/villages/621025100997/notice").exchange().expectStatus().isNotFound();
    }

    @Test
    void theGroupQrIsUploadedByStaffAndShownOnTheBoard() {
        String admin = Directory.countyAdmin(client);
        String village = Directory.newVillage(client, admin, "群码村");
        client.get().uri("/api/v1/villages/{code}/group-qr", village).exchange().expectStatus().isNotFound();

        String resident = Sessions.accessToken(Sessions.wechat(client, "想传群码的村民"));
        upload(resident, village, PNG).expectStatus().isForbidden();
        upload(admin, village, Arrays.copyOf(PNG, VillageGroups.MAX_QR_BYTES + 10)).expectStatus().isEqualTo(413);
        upload(admin, village, PNG).expectStatus().isNoContent();

        client.get().uri("/api/v1/villages/{code}", village).exchange()
                .expectBody().jsonPath("$.groupQrUrl").isEqualTo("/api/v1/villages/" + village + "/group-qr");
        byte[] served = client.get().uri("/api/v1/villages/{code}/group-qr", village).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(served).isEqualTo(PNG);
    }

    private WebTestClient.ResponseSpec upload(String token, String village, byte[] content) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return "qr.png";
            }
        });
        return client.put().uri("/api/v1/villages/{code}/group-qr", village).headers(h -> h.setBearerAuth(token))
                .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }
}
