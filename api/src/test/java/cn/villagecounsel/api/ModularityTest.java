package cn.villagecounsel.api;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Feature packages may use {@code common} and each other's public types, never each other's internals, and form no cycles. */
class ModularityTest {

    @Test
    void featureModulesRespectTheirBoundaries() {
        ApplicationModules.of(ApiApplication.class).verify();
    }
}
