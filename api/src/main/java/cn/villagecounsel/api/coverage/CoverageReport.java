package cn.villagecounsel.api.coverage;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/** Coverage of one region, village by village, with totals per township and for the whole region. */
@Schema(name = "CoverageReport", description = "覆盖情况")
record CoverageReport(
        @Schema(example = "621025000000") String regionCode,
        @Schema(example = "正宁县") String regionName,
        @Schema(description = "统计的月份", example = "2026-11") String month,
        @Schema(description = "每村至少需要的法律明白人数", example = "6") int minNavigators,
        Totals totals,
        List<Township> townships,
        List<Village> villages) {

    @Schema(name = "CoverageTotals")
    record Totals(
            @Schema(description = "村（社区）数") int villages,
            @Schema(description = "没有法律顾问（无当前协议）") int withoutAdvisor,
            @Schema(description = "有协议但未备案") int withoutFiledAgreement,
            @Schema(description = "法律明白人不足") int fewNavigators,
            @Schema(description = "本月没有驻点安排") int noSessionThisMonth,
            @Schema(description = "各项都达标") int complete) {

        static Totals of(List<Village> villages) {
            return new Totals(villages.size(), count(villages, Problem.NO_ADVISOR), count(villages, Problem.NOT_FILED),
                    count(villages, Problem.FEW_NAVIGATORS), count(villages, Problem.NO_SESSION_THIS_MONTH),
                    (int) villages.stream().filter(village -> village.problems().isEmpty()).count());
        }

        private static int count(List<Village> villages, Problem problem) {
            return (int) villages.stream().filter(village -> village.problems().contains(problem)).count();
        }
    }

    @Schema(name = "CoverageTownship")
    record Township(String code, String name, Totals totals) {
    }

    @Schema(name = "CoverageVillage")
    record Village(
            @Schema(example = "621025100201") String code,
            @Schema(example = "柳林村") String name,
            String townshipCode,
            @Schema(example = "山河镇") String townshipName,
            @Schema(description = "已备案且在有效期内的法律顾问") List<String> advisors,
            @Schema(description = "有已备案且在有效期内的协议") boolean filedAgreement,
            @Schema(description = "法律明白人数") long navigators,
            @Schema(description = "本月驻点次数") long sessionsThisMonth,
            List<Problem> problems) {
    }

    /** What a village lacks. */
    enum Problem {
        NO_ADVISOR("无法律顾问"),
        NOT_FILED("协议未备案"),
        FEW_NAVIGATORS("法律明白人不足"),
        NO_SESSION_THIS_MONTH("本月无驻点");

        private final String label;

        Problem(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }
}
