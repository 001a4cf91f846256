package cn.villagecounsel.api.region;

import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.region.RegionForms.ImportResult;
import cn.villagecounsel.api.region.RegionForms.NewRegion;
import cn.villagecounsel.api.region.RegionForms.Rename;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "区划管理", description = "管理员在本辖区内新建、改名和批量导入区划")
class RegionAdminController {

    private final RegionAdmin admin;

    RegionAdminController(RegionAdmin admin) {
        this.admin = admin;
    }

    @PostMapping("/api/v1/admin/regions")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "新建区划", description = "上级区划由代码推出（如村的上级是前 9 位加 000 的乡镇），必须已存在。")
    Mono<RegionView> create(CurrentUser user, @Validated @RequestBody NewRegion region) {
        return admin.create(user, region.code(), region.name());
    }

    @PutMapping("/api/v1/admin/regions/{code}")
    @Operation(summary = "修改区划名称")
    Mono<RegionView> rename(CurrentUser user, @PathVariable String code, @Validated @RequestBody Rename rename) {
        return admin.rename(user, code, rename.name());
    }

    @PostMapping(path = "/api/v1/admin/regions/import", consumes = "text/csv")
    @Operation(summary = "从 CSV 批量导入区划",
            description = "UTF-8 编码，表头 code,name，最多 5000 行。先检查全部行：任何一行有误则返回 400 IMPORT_REJECTED 和逐行错误，"
                    + "不导入任何数据；已存在的代码按新名称改名。")
    Mono<ImportResult> importCsv(CurrentUser user, @RequestBody String csv) {
        return admin.importCsv(user, csv);
    }
}
