package cn.villagecounsel.api.village;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What a village's advisor or admin sets up for the village itself: the WeChat group's QR image and the
 * WeChat groups ({@code opengid}) bound to the village, so a share card opened in them routes residents here.
 * The group index is not unique: MongoDB counts every emptied array as the same key. Binding moves a group
 * (pulled from other villages first), and a lookup takes the first match.
 */
@Document("village_settings")
record VillageSettings(
        @Id String villageCode,
        String groupQrId,
        @Indexed List<String> wechatGroups,
        Instant updatedAt) {
}
