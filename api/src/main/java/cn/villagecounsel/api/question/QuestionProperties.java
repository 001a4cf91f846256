package cn.villagecounsel.api.question;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Question and queue rules ({@code vc.questions.*}).
 *
 * @param villageWait how long a question waits for its village's advisors before the township's may claim it
 * @param townshipWait how long it then waits for the township's advisors before the county pool may claim it
 * @param urgentWait both waits for urgent and green-channel questions
 * @param lease how long a claim holds without renewal
 * @param transferLease how long a question transferred to a named advisor waits for them before returning to the queue
 * @param maxClaims questions an advisor may hold at once
 * @param reopenWithin how long after closing the asker may reopen
 * @param autoCloseAfter an answered question with no further word is closed (resolved) after this
 * @param followUpWithin a message to the Official Account this soon after an answer follows it up instead of asking anew
 * @param claimTarget the service level for the first claim; a question still unclaimed after it alerts the township
 * @param answerTarget the service level for the first answer
 * @param resolutionTarget the service level for resolution (closing)
 * @param digestEvery how often the village 1+N groups' robots get a digest of new questions
 * @param sweepInterval how often the sweep runs (escalation, expired leases, service levels, unfinished notices)
 * @param unusedUploadsAfter uploads not used by a question are deleted after this
 */
@ConfigurationProperties("vc.questions")
record QuestionProperties(
        @DefaultValue("30m") Duration villageWait,
        @DefaultValue("1h") Duration townshipWait,
        @DefaultValue("10m") Duration urgentWait,
        @DefaultValue("15m") Duration lease,
        @DefaultValue("4h") Duration transferLease,
        @DefaultValue("5") int maxClaims,
        @DefaultValue("7d") Duration reopenWithin,
        @DefaultValue("7d") Duration autoCloseAfter,
        @DefaultValue("24h") Duration followUpWithin,
        @DefaultValue("2h") Duration claimTarget,
        @DefaultValue("24h") Duration answerTarget,
        @DefaultValue("7d") Duration resolutionTarget,
        @DefaultValue("1h") Duration digestEvery,
        @DefaultValue("15s") Duration sweepInterval,
        @DefaultValue("24h") Duration unusedUploadsAfter) {

    QuestionProperties {
        if (lease.toSeconds() < 30 || maxClaims < 1 || villageWait.isNegative() || townshipWait.isNegative()
                || urgentWait.isNegative() || digestEvery.toMinutes() < 1) {
            throw new IllegalArgumentException("vc.questions: lease >= 30s, max-claims >= 1, digest >= 1m, no negative waits");
        }
    }
}
