package cn.villagecounsel.api.region;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Gives regions stored before pinyin initials existed their initials, once, at start-up. */
@Component
class RegionInitialsBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(RegionInitialsBackfill.class);

    private final RegionRepository regions;

    RegionInitialsBackfill(RegionRepository regions) {
        this.regions = regions;
        // Loads pinyin4j's table while the context starts, on the main thread: before any runner or request
        // computes initials on an event loop.
        Initials.of("村");
    }

    @Override
    public void run(ApplicationArguments args) {
        Long filled = regions.findByInitialsIsNull()
                .concatMap(region -> regions.save(region.withInitials()))
                .count()
                .block(Duration.ofMinutes(5));
        if (filled != null && filled > 0) {
            log.info("Pinyin initials added to {} regions", filled);
        }
    }
}
