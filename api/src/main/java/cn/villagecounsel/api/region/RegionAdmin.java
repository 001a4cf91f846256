package cn.villagecounsel.api.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.CurrentUser;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.common.FieldError;
import cn.villagecounsel.api.common.RegionCodes;
import cn.villagecounsel.api.region.RegionForms.ImportResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Creating, renaming and bulk-importing regions inside an admin's own area. An import is checked whole
 * before anything is written, and undone if the database fails half-way, so it never stays half-done.
 */
@Service
class RegionAdmin {

    static final int MAX_IMPORT_ROWS = 5_000;

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema HEADER = CsvSchema.emptySchema().withHeader();

    private final RegionRepository regions;
    private final DirectoryChanges changes;
    private final AuditLog audit;

    RegionAdmin(RegionRepository regions, DirectoryChanges changes, AuditLog audit) {
        this.regions = regions;
        this.changes = changes;
        this.audit = audit;
    }

    /** One row of an import, numbered as a spreadsheet shows it (the header is row 1). */
    private record Row(int line, String code, String name) {
    }

    Mono<RegionView> create(CurrentUser admin, String code, String name) {
        if (!admin.mayActIn(code) || admin.regions().contains(code)) {
            return Mono.error(ApiProblem.forbidden("只能在本辖区内新建下级区划。"));
        }
        return regions.existsById(code)
                .flatMap(exists -> exists
                        ? Mono.error(new ApiProblem(HttpStatus.CONFLICT, "REGION_EXISTS", "区划已存在",
                                "区划代码 " + code + " 已存在。"))
                        : apply(admin, List.of(new Row(0, code, name.strip())), "region.create"))
                .then(regions.findById(code))
                .map(region -> RegionView.of(region, false));
    }

    Mono<RegionView> rename(CurrentUser admin, String code, String name) {
        if (!admin.mayActIn(code) || admin.regions().contains(code)) {
            return Mono.error(ApiProblem.forbidden("只能修改本辖区下级区划的名称。"));
        }
        return regions.findById(code)
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("区划 " + code + " 不存在。")))
                .flatMap(region -> regions.save(Region.of(region.code(), name.strip(), region.level(), region.parentCode())))
                .flatMap(saved -> changes.changed(code)
                        .then(audit.record(admin.id(), "region.rename", code, "SUCCESS", List.of(code)))
                        .thenReturn(RegionView.of(saved, null)));
    }

    Mono<ImportResult> importCsv(CurrentUser admin, String csv) {
        List<FieldError> errors = new ArrayList<>();
        List<Row> rows = parse(csv, errors);
        if (!errors.isEmpty()) {
            return Mono.error(rejected(errors));
        }
        return apply(admin, rows, "region.import");
    }

    private Mono<ImportResult> apply(CurrentUser admin, List<Row> rows, String action) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Row row : rows) {
            String where = row.line() == 0 ? "code" : "第 " + row.line() + " 行";
            if (!RegionCodes.isValid(row.code())) {
                errors.add(new FieldError(where, "区划代码“" + row.code() + "”应为 12 位数字。"));
            } else if (!admin.mayActIn(row.code()) || admin.regions().contains(row.code())) {
                errors.add(new FieldError(where, "区划 " + row.code() + " 不在您辖区的下级范围内。"));
            } else if (!seen.add(row.code())) {
                errors.add(new FieldError(where, "区划代码 " + row.code() + " 重复出现。"));
            }
            if (row.name().isEmpty() || row.name().length() > RegionForms.MAX_NAME) {
                errors.add(new FieldError(row.line() == 0 ? "name" : where, "名称应为 1 到 40 个字。"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(rows.size() == 1 && rows.get(0).line() == 0 ? single(errors) : rejected(errors));
        }
        Set<String> parents = new HashSet<>();
        rows.forEach(row -> parents.add(RegionCodes.parentOf(row.code())));
        Set<String> lookups = new HashSet<>(seen);
        lookups.addAll(parents);
        return regions.findAllById(lookups).collectMap(Region::code)
                .flatMap(existing -> {
                    List<Region> inserts = new ArrayList<>();
                    List<Region> renames = new ArrayList<>();
                    int unchanged = 0;
                    for (Row row : rows) {
                        String parent = RegionCodes.parentOf(row.code());
                        String where = row.line() == 0 ? "code" : "第 " + row.line() + " 行";
                        if (!existing.containsKey(parent) && !seen.contains(parent)) {
                            errors.add(new FieldError(where, "上级区划 " + parent + " 不存在，请先导入上级。"));
                            continue;
                        }
                        Region current = existing.get(row.code());
                        if (current == null) {
                            inserts.add(Region.of(row.code(), row.name(), RegionCodes.levelOf(row.code()), parent));
                        } else if (!current.name().equals(row.name())) {
                            renames.add(Region.of(current.code(), row.name(), current.level(), current.parentCode()));
                        } else {
                            unchanged++;
                        }
                    }
                    if (!errors.isEmpty()) {
                        return Mono.error(rows.size() == 1 && rows.get(0).line() == 0 ? single(errors) : rejected(errors));
                    }
                    // Parents before children, so a crash half-way never leaves an orphan.
                    inserts.sort(Comparator.comparing(region -> region.level().ordinal()));
                    return write(inserts, renames, existing)
                            .then(changes.changed(renames.stream().map(Region::code).toList()))
                            .then(audit.record(admin.id(), action, inserts.size() + renames.size() + " 条", "SUCCESS",
                                    admin.regions()))
                            .thenReturn(new ImportResult(inserts.size(), renames.size(), unchanged));
                });
    }

    private Mono<Void> write(List<Region> inserts, List<Region> renames, Map<String, Region> before) {
        List<Region> inserted = new ArrayList<>();
        Map<String, Region> renamed = new HashMap<>();
        return Flux.fromIterable(inserts).concatMap(region -> regions.insert(region).doOnNext(inserted::add))
                .thenMany(Flux.fromIterable(renames).concatMap(region -> regions.save(region)
                        .doOnNext(saved -> renamed.put(saved.code(), before.get(saved.code())))))
                .then()
                .onErrorResume(error -> regions.deleteAll(inserted)
                        .then(regions.saveAll(renamed.values()).then())
                        .then(Mono.error(error)));
    }

    private static List<Row> parse(String csv, List<FieldError> errors) {
        List<Row> rows = new ArrayList<>();
        String text = csv == null ? "" : csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (MappingIterator<Map<String, String>> lines = CSV.readerForMapOf(String.class).with(HEADER).readValues(text)) {
            int line = 1;
            while (lines.hasNextValue()) {
                Map<String, String> values = lines.nextValue();
                line++;
                if (line == 2 && (!values.containsKey("code") || !values.containsKey("name"))) {
                    errors.add(new FieldError("第 1 行", "表头应为 code,name。"));
                    return rows;
                }
                String code = values.getOrDefault("code", "").strip();
                String name = values.getOrDefault("name", "").strip();
                if (code.isEmpty() && name.isEmpty()) {
                    continue;
                }
                if (rows.size() == MAX_IMPORT_ROWS) {
                    errors.add(new FieldError("第 " + line + " 行", "一次最多导入 " + MAX_IMPORT_ROWS + " 行。"));
                    return rows;
                }
                rows.add(new Row(line, code, name));
            }
        } catch (JacksonException e) {
            errors.add(new FieldError("文件", "CSV 格式有误：请使用 UTF-8 编码、逗号分隔，表头为 code,name。"));
        }
        if (rows.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("文件", "文件中没有数据行。"));
        }
        return rows;
    }

    private static ApiProblem rejected(List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "IMPORT_REJECTED", "导入失败",
                "有 " + errors.size() + " 处错误，未导入任何数据；请按提示修改后重新导入。", errors);
    }

    private static ApiProblem single(List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "请求参数有误", errors.get(0).message(), errors);
    }
}
