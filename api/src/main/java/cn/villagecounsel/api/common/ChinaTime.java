package cn.villagecounsel.api.common;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dates and wall-clock times of the programme are Beijing time (DESIGN.md §4: stored UTC, shown
 * Asia/Shanghai); the {@link Clock} bean is the one source of "now" for features that reason in days.
 */
@Configuration(proxyBeanMethods = false)
public class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Bean
    Clock clock() {
        return Clock.system(ZONE);
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.now(clock.withZone(ZONE));
    }
}
