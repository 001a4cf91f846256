package cn.villagecounsel.api.advisor;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.Role;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Who serves which village, and who may manage a village's directory entries. */
@Service
public class Assignments {

    private final AgreementRepository agreements;
    private final AdvisorRepository advisors;
    private final FieldCipher cipher;
    private final Clock clock;

    Assignments(AgreementRepository agreements, AdvisorRepository advisors, FieldCipher cipher, Clock clock) {
        this.agreements = agreements;
        this.advisors = advisors;
        this.cipher = cipher;
        this.clock = clock;
    }

    /** Villages the advisor serves today under active, filed agreements. */
    public Flux<String> villagesServedBy(String advisorId) {
        LocalDate today = ChinaTime.today(clock);
        return agreements.findByAdvisorIdAndFiledIsTrueAndTerminatedAtIsNullAndEndDateGreaterThanEqual(advisorId, today)
                .filter(agreement -> agreement.activeOn(today))
                .map(Agreement::villageCode)
                .distinct();
    }

    /** {@link #villagesServedBy(String)} for many advisors in one query, sorted by village code. */
    Mono<Map<String, List<String>>> villagesServedBy(Collection<String> advisorIds) {
        LocalDate today = ChinaTime.today(clock);
        return agreements.findByAdvisorIdInAndFiledIsTrueAndTerminatedAtIsNullAndEndDateGreaterThanEqual(advisorIds, today)
                .filter(agreement -> agreement.activeOn(today))
                .collect(Collectors.groupingBy(Agreement::advisorId, Collectors.collectingAndThen(
                        Collectors.mapping(Agreement::villageCode, Collectors.toCollection(TreeSet::new)),
                        List::copyOf)));
    }

    /** The advisor profile behind a staff account, if the account is an advisor's. */
    public Mono<String> advisorIdOfUser(String userId) {
        return advisors.findByUserId(userId).map(Advisor::id);
    }

    /** The staff account of an advisor, to reach them in the inbox; empty for an advisor without one. */
    public Mono<String> userIdOfAdvisor(String advisorId) {
        return advisors.findById(advisorId).mapNotNull(Advisor::userId);
    }

    public Mono<Boolean> advisorExists(String advisorId) {
        return advisors.existsById(advisorId);
    }

    /** Display names of advisors by id. */
    public Mono<Map<String, String>> names(Collection<String> advisorIds) {
        return advisors.findAllById(advisorIds).collectMap(Advisor::id, Advisor::name);
    }

    /** Each village's advisors under active, filed agreements today, by name. */
    public Mono<Map<String, List<AdvisorCard>>> advisorsOf(Collection<String> villageCodes) {
        LocalDate today = ChinaTime.today(clock);
        return agreements.findByVillageCodeInAndFiledIsTrueAndTerminatedAtIsNullAndEndDateGreaterThanEqual(villageCodes,
                        today)
                .filter(agreement -> agreement.activeOn(today))
                .collectList()
                .flatMap(active -> advisors.findAllById(active.stream().map(Agreement::advisorId).distinct().toList())
                        .collectMap(Advisor::id)
                        .map(byId -> active.stream()
                                .filter(agreement -> byId.containsKey(agreement.advisorId()))
                                .collect(Collectors.groupingBy(Agreement::villageCode, Collectors.collectingAndThen(
                                        Collectors.toList(), list -> list.stream()
                                                .map(agreement -> card(byId.get(agreement.advisorId()), agreement))
                                                .sorted(Comparator.comparing(AdvisorCard::name))
                                                .toList())))));
    }

    /** Agreements of villages in a region that are current today (filed or not), for coverage checks. */
    public Flux<Agreement> currentAgreementsIn(String regionCode) {
        LocalDate today = ChinaTime.today(clock);
        return agreements.findByVillageCodeStartingWith(RegionCodes.prefixOf(regionCode))
                .filter(agreement -> agreement.terminatedAt() == null && !today.isBefore(agreement.startDate())
                        && !today.isAfter(agreement.endDate()));
    }

    /** Advisors serving any village in a region today under active, filed agreements. */
    public Flux<String> advisorsServingIn(String regionCode) {
        LocalDate today = ChinaTime.today(clock);
        return agreements.findByVillageCodeStartingWith(RegionCodes.prefixOf(regionCode))
                .filter(agreement -> agreement.filed() && agreement.activeOn(today))
                .map(Agreement::advisorId)
                .distinct();
    }

    /** Advisors registered in a region, by name. */
    public Flux<Advisor> advisorsRegisteredIn(String regionCode) {
        return advisors.findByRegionCodeStartingWith(RegionCodes.prefixOf(regionCode), Sort.by("name"));
    }

    /**
     * Lets an admin act inside their regions, and an advisor on a village they serve (or a station whose
     * area holds one); 403 for everybody else.
     */
    public Mono<Void> requireManage(CurrentUser user, String regionCode) {
        if (user.roles().contains(Role.ADMIN) && user.mayActIn(regionCode)) {
            return Mono.empty();
        }
        if (user.roles().contains(Role.ADVISOR)) {
            return advisorIdOfUser(user.id())
                    .flatMap(advisorId -> villagesServedBy(advisorId)
                            .any(village -> RegionCodes.covers(regionCode, village)))
                    .filter(Boolean::booleanValue)
                    .switchIfEmpty(Mono.error(() -> ApiProblem.forbidden("您不是该村（社区）的法律顾问，不能修改它的安排。")))
                    .then();
        }
        return Mono.error(ApiProblem.forbidden("该村（社区）不在您的管辖范围内。"));
    }

    AdvisorCard card(Advisor advisor, Agreement agreement) {
        return new AdvisorCard(advisor.id(), advisor.name(), photoUrl(advisor), advisor.lawFirm(), advisor.licenceNo(),
                advisor.publicPhone() == null ? null : cipher.decrypt(advisor.publicPhone()), advisor.serviceScope(),
                agreement == null ? null : agreement.startDate(), agreement == null ? null : agreement.endDate());
    }

    static String photoUrl(Advisor advisor) {
        return advisor.photoId() == null ? null : "/api/v1/advisors/" + advisor.id() + "/photo";
    }
}
