package cn.villagecounsel.api.team;

import io.swagger.v3.oas.annotations.media.Schema;

/** A 1+N team member as the public notice board shows them. */
@Schema(name = "TeamMember", description = "公示的 1+N 团队成员；只有本人同意时才公开手机号")
public record TeamMember(
        @Schema(example = "张建国") String name,
        NavigatorRole role,
        @Schema(example = "村两委") String roleLabel,
        @Schema(example = "13912345678") String phone) {
}
