package cn.villagecounsel.api.duty;

import io.swagger.v3.oas.annotations.media.Schema;

/** One desk duty (坐班) covering a village, summarised for the notice board. */
@Schema(name = "DeskDutyLine", description = "覆盖本村的坐班安排")
public record DeskDutyLine(
        @Schema(example = "王芳") String advisorName,
        @Schema(example = "山河镇公共法律服务工作站") String place,
        @Schema(description = "中文说明；电话或视频值班会注明", example = "每周一至周五 09:00–12:00") String schedule) {
}
