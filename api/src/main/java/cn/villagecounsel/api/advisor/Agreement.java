package cn.villagecounsel.api.advisor;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** A service agreement (服务协议) between an advisor and a village, for a period. */
@Document("agreements")
@CompoundIndex(name = "advisor_village", def = "{'advisorId': 1, 'villageCode': 1}")
@CompoundIndex(name = "village_period", def = "{'villageCode': 1, 'endDate': 1}")
public record Agreement(
        @Id String id,
        String advisorId,
        String villageCode,
        LocalDate startDate,
        LocalDate endDate,
        boolean filed,
        Instant filedAt,
        String filedBy,
        String fileId,
        String fileName,
        Instant terminatedAt,
        String createdBy,
        Instant createdAt,
        @Version Long version) {

    /** Makes the advisor the village's advisor on {@code day}: filed, in period, not terminated. */
    public boolean activeOn(LocalDate day) {
        return filed && terminatedAt == null && !day.isBefore(startDate) && !day.isAfter(endDate);
    }
}
