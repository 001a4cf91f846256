package cn.villagecounsel.api.village;

import java.time.Instant;
import java.util.List;

import cn.villagecounsel.api.advisor.AdvisorCard;
import cn.villagecounsel.api.duty.DeskDutyLine;
import cn.villagecounsel.api.duty.DutySessionCard;
import cn.villagecounsel.api.team.TeamMember;
import io.swagger.v3.oas.annotations.media.Schema;

/** The public notice board of one village. */
@Schema(name = "VillageBoard", description = "村务公示：法律顾问、联系方式、驻点时间与 1+N 团队")
public record VillageBoard(
        Place village,
        Place township,
        Place county,
        @Schema(description = "签有已备案且在有效期内服务协议的法律顾问") List<AdvisorCard> advisors,
        @Schema(description = "司法所或公共法律服务站的坐班安排") List<DeskDutyLine> deskDuty,
        @Schema(description = "今后 8 周的驻点与坐班安排") List<DutySessionCard> sessions,
        @Schema(description = "1+N 团队；只有本人同意时才公开手机号") List<TeamMember> team,
        @Schema(description = "村微信群二维码图片地址；未上传时为空") String groupQrUrl,
        Instant generatedAt) {

    @Schema(name = "BoardPlace")
    public record Place(@Schema(example = "621025100201") String code, @Schema(example = "柳林村") String name) {
    }
}
