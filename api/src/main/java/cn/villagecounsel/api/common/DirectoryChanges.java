package cn.villagecounsel.api.common;

import java.util.Collection;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Generation counters for what the village notice board shows. Every change that affects a board bumps
 * the counter of the region it touched (a village, or a township/county for desk duty); a cached board is
 * stored under the generations it was built from, so a change makes it unreachable at once, and a board
 * built concurrently with a change can never be served afterwards (it lands under the old generation).
 */
@Component
public class DirectoryChanges {

    private static final String PREFIX = "vc:dir:gen:";

    private final ReactiveStringRedisTemplate redis;

    DirectoryChanges(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** Records that something shown for these regions (and every village inside them) changed. */
    public Mono<Void> changed(Collection<String> regionCodes) {
        return Flux.fromIterable(regionCodes).filter(RegionCodes::isValid).distinct()
                .concatMap(code -> redis.opsForValue().increment(PREFIX + code))
                .then();
    }

    public Mono<Void> changed(String regionCode) {
        return changed(List.of(regionCode));
    }

    /** The current generations of a village, its township and its county, as one cache-key suffix. */
    public Mono<String> versionOf(String villageCode) {
        List<String> keys = List.of(PREFIX + villageCode, PREFIX + villageCode.substring(0, 9) + "000",
                PREFIX + villageCode.substring(0, 6) + "000000");
        return redis.opsForValue().multiGet(keys)
                .map(values -> String.join(".", values.stream().map(value -> value == null ? "0" : value).toList()));
    }
}
