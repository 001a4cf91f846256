package cn.villagecounsel.api.region;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.RegionLevel;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads the division tree for every feature that shows or checks a region. */
@Service
public class RegionDirectory {

    private static final Sort BY_CODE = Sort.by("_id");
    private static final int MAX_MATCHES = 20;
    private static final Pattern LATIN = Pattern.compile("[A-Za-z]+");

    private final RegionRepository regions;

    RegionDirectory(RegionRepository regions) {
        this.regions = regions;
    }

    /** The children of {@code parentCode}, or the top of the tree when it is null. */
    public Flux<RegionView> children(String parentCode) {
        if (parentCode != null && !RegionCodes.isValid(parentCode)) {
            return Flux.error(new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求参数有误",
                    "区划代码应为 12 位数字。"));
        }
        Flux<Region> found = parentCode == null
                ? regions.findByParentCodeIsNull(BY_CODE)
                : regions.existsById(parentCode).flatMapMany(exists -> exists
                        ? regions.findByParentCode(parentCode, BY_CODE)
                        : Flux.error(ApiProblem.notFound("区划 " + parentCode + " 不存在。")));
        return found.concatMap(region -> region.level() == RegionLevel.VILLAGE
                ? Mono.just(RegionView.of(region, false))
                : regions.existsByParentCode(region.code()).map(has -> RegionView.of(region, has)));
    }

    /**
     * Villages whose name contains {@code text} — or, when it is Latin letters, whose pinyin initials do
     * ({@code llc} finds 柳林村) — with their township and county for telling namesakes apart; at most
     * {@value #MAX_MATCHES}, by code.
     */
    public Flux<VillageMatch> searchVillages(String text) {
        String query = text == null ? "" : text.strip();
        if (query.isEmpty() || query.length() > 20) {
            return Flux.error(new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求参数有误",
                    "请输入 1 到 20 个字的村（社区）名称或拼音首字母。"));
        }
        PageRequest page = PageRequest.of(0, MAX_MATCHES, BY_CODE);
        Flux<Region> found = LATIN.matcher(query).matches()
                ? regions.findByLevelAndInitialsRegex(RegionLevel.VILLAGE, Pattern.quote(query.toLowerCase(Locale.ROOT)),
                        page)
                : regions.findByLevelAndNameRegex(RegionLevel.VILLAGE, Pattern.quote(query), page);
        return found
                .collectList()
                .flatMapMany(villages -> regions.findAllById(villages.stream()
                                .flatMap(village -> Stream.of(townshipOf(village.code()), countyOf(village.code())))
                                .distinct().toList())
                        .collectMap(Region::code, Region::name)
                        .flatMapIterable(names -> villages.stream()
                                .map(village -> new VillageMatch(village.code(), village.name(),
                                        names.get(townshipOf(village.code())), names.get(countyOf(village.code()))))
                                .toList()));
    }

    /** Villages inside a region by code, after {@code afterCode} (exclusive) when given: a keyset page. */
    public Flux<RegionView> villagesIn(String regionCode, String afterCode, int limit) {
        String prefix = RegionCodes.prefixOf(regionCode);
        String after = afterCode != null && afterCode.compareTo(prefix) > 0 ? afterCode : prefix;
        // Digits sort before ':', so this bound closes the range of codes that start with the prefix.
        return regions.findByLevelAndCodeBetween(RegionLevel.VILLAGE, after, prefix + ":",
                        PageRequest.of(0, limit, BY_CODE))
                .map(region -> RegionView.of(region, false));
    }

    /** All villages inside a region, by code. */
    public Flux<RegionView> allVillagesIn(String regionCode) {
        String prefix = RegionCodes.prefixOf(regionCode);
        return regions.findByLevelAndCodeBetween(RegionLevel.VILLAGE, prefix, prefix + ":",
                        PageRequest.of(0, 100_000, BY_CODE))
                .map(region -> RegionView.of(region, false));
    }

    public Mono<RegionView> find(String code) {
        return regions.findById(code).map(region -> RegionView.of(region, null));
    }

    private static String townshipOf(String villageCode) {
        return villageCode.substring(0, 9) + "000";
    }

    private static String countyOf(String villageCode) {
        return villageCode.substring(0, 6) + "000000";
    }

    /** Names for the given codes, in the given order; unknown codes are kept with their code as name. */
    public Mono<List<RegionView>> describe(Collection<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return Mono.just(List.of());
        }
        return regions.findAllById(codes).collectMap(Region::code)
                .map(found -> codes.stream()
                        .map(code -> found.containsKey(code) ? RegionView.of(found.get(code), null)
                                : new RegionView(code, code, RegionCodes.levelOf(code), null, null))
                        .toList());
    }
}
