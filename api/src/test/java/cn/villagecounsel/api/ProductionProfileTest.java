package cn.villagecounsel.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Under prod nothing falls back to development defaults: no embedded servers, no generated key, no sandbox. */
class ProductionProfileTest {

    @Test
    void refusesToStartOnEmbeddedDefaults() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(ApiApplication.class)
                .profiles("prod")
                .properties("server.port=0", "vc.embedded.data-dir=target/prod-test-data",
                        "vc.security.key-file=target/prod-test-data/no-such-key.pem")
                .run()
                .close())
                .hasStackTraceContaining("prod");
    }
}
