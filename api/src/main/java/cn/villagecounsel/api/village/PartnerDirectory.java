package cn.villagecounsel.api.village;

import java.util.List;

import cn.villagecounsel.api.duty.DeskDutyLine;
import cn.villagecounsel.api.duty.DutySessionCard;

import io.swagger.v3.oas.annotations.media.Schema;

/** What partner systems (12348 platforms) read: the public directory without the 1+N team's phones. */
final class PartnerDirectory {

    private PartnerDirectory() {
    }

    @Schema(name = "PartnerVillage", description = "开放接口中的村（社区）名录条目")
    record Entry(
            VillageBoard.Place village,
            VillageBoard.Place township,
            VillageBoard.Place county,
            List<Advisor> advisors,
            List<DeskDutyLine> deskDuty,
            List<DutySessionCard> sessions) {

        static Entry of(VillageBoard board) {
            return new Entry(board.village(), board.township(), board.county(),
                    board.advisors().stream().map(advisor -> new Advisor(advisor.name(), advisor.lawFirm(),
                            advisor.licenceNo(), advisor.publicPhone(), advisor.serviceScope())).toList(),
                    board.deskDuty(), board.sessions());
        }
    }

    @Schema(name = "PartnerAdvisor")
    record Advisor(String name, String lawFirm, String licenceNo, String publicPhone, String serviceScope) {
    }

    @Schema(name = "PartnerVillagePage", description = "一页名录；nextCursor 为空表示没有下一页")
    record Page(List<Entry> items, @Schema(example = "621025100201") String nextCursor) {
    }
}
