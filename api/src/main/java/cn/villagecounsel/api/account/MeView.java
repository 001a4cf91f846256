package cn.villagecounsel.api.account;

import java.util.List;

import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.region.RegionView;
import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "MeView", description = "当前登录用户")
record MeView(
        @Schema(description = "用户编号") String id,
        @Schema(example = "正宁县司法局管理员") String displayName,
        @Schema(description = "工作人员用户名；微信用户为空") String username,
        List<Role> roles,
        @Schema(description = "可管理的行政区划") List<RegionView> regions,
        @Schema(description = "已选择的村（社区）") RegionView village,
        @Schema(description = "法律顾问现在服务的村（社区）；其他用户为空列表") List<RegionView> servedVillages) {

    static MeView of(User user, List<RegionView> regions, RegionView village, List<RegionView> servedVillages) {
        return new MeView(user.id(), user.displayName(), user.username(),
                user.roles().stream().sorted().toList(), regions, village, servedVillages);
    }
}
