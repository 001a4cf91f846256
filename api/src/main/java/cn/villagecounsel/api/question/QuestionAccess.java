package cn.villagecounsel.api.question;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import cn.villagecounsel.api.advisor.Assignments;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.question.Question.PoolLevel;
import reactor.core.publisher.Mono;

/**
 * Who may see a question: the asker (a legal-savvy resident who forwarded it is its asker), advisors of its village
 * or of the pool it has widened to, advisors who held it, and admins whose region holds the village. Nobody else
 * learns that it exists (404).
 */
@Component
class QuestionAccess {

    /** The person looking, with the villages they serve as an advisor (none for others). */
    record Viewer(CurrentUser user, String advisorId, String advisorName, Set<String> villages) {

        boolean isAdvisor() {
            return advisorId != null;
        }

        boolean isAdminFor(Question question) {
            return user.roles().contains(Role.ADMIN) && user.mayActIn(question.villageCode());
        }

        /** May claim it when it is open: the village's advisors always, the township's and county's once it widened. */
        boolean inPool(Question question) {
            if (!isAdvisor()) {
                return false;
            }
            return villages.contains(question.villageCode())
                    || question.poolLevel() != PoolLevel.VILLAGE && townships().contains(question.townshipCode())
                    || question.poolLevel() == PoolLevel.COUNTY && counties().contains(question.countyCode());
        }

        boolean mayRead(Question question) {
            return question.isAskedBy(user.id()) || isAdminFor(question) || inPool(question)
                    || isAdvisor() && question.involvedAdvisorIds().contains(advisorId);
        }

        Set<String> townships() {
            return villages.stream().map(RegionCodes::parentOf).collect(Collectors.toSet());
        }

        Set<String> counties() {
            return townships().stream().map(RegionCodes::parentOf).collect(Collectors.toSet());
        }

        /** The same rule as {@link #inPool}, as a query. */
        Criteria poolCriteria() {
            List<Criteria> any = new ArrayList<>();
            any.add(Criteria.where("villageCode").in(villages));
            any.add(Criteria.where("poolLevel").in(PoolLevel.TOWNSHIP, PoolLevel.COUNTY).and("townshipCode").in(townships()));
            any.add(Criteria.where("poolLevel").is(PoolLevel.COUNTY).and("countyCode").in(counties()));
            return new Criteria().orOperator(any);
        }
    }

    private final Assignments assignments;

    QuestionAccess(Assignments assignments) {
        this.assignments = assignments;
    }

    Mono<Viewer> viewer(CurrentUser user) {
        if (!user.roles().contains(Role.ADVISOR)) {
            return Mono.just(new Viewer(user, null, null, Set.of()));
        }
        return assignments.advisorIdOfUser(user.id())
                .flatMap(advisorId -> assignments.villagesServedBy(advisorId).collect(Collectors.toSet())
                        .map(villages -> new Viewer(user, advisorId, user.name(), Set.copyOf(villages))))
                .defaultIfEmpty(new Viewer(user, null, null, Set.of()));
    }

    /** The question if the viewer may read it, else 404. */
    Mono<Question> readable(Viewer viewer, Question question) {
        return viewer.mayRead(question) ? Mono.just(question) : Mono.error(QuestionProblems.notFound());
    }
}
