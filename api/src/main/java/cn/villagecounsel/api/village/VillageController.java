package cn.villagecounsel.api.village;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "村务公示", description = "村（社区）法律顾问公示栏：无需登录即可查看")
class VillageController {

    private final VillageBoardService boards;
    private final PrintableNotice notices;

    VillageController(VillageBoardService boards, PrintableNotice notices) {
        this.boards = boards;
        this.notices = notices;
    }

    @GetMapping("/api/v1/villages/{code}")
    @Operation(summary = "村（社区）公示栏",
            description = "法律顾问（已备案且在有效期内的协议）、公开联系电话、坐班和今后 8 周的驻点安排、1+N 团队、村微信群二维码。")
    @ApiResponse(responseCode = "200", description = "公示栏",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VillageBoard.class)))
    Mono<ResponseEntity<String>> board(
            @Parameter(description = "村（社区）的 12 位区划代码", example = "621025100201") @PathVariable String code) {
        // Served as the cached JSON text: the hot path does no (de)serialisation at all.
        return boards.boardJson(code).map(text -> ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .body(text));
    }

    @GetMapping("/api/v1/villages/{code}/notice")
    @Operation(summary = "可打印的公示（PNG 或 PDF）",
            description = "A4 竖版，含法律顾问、联系电话、坐班与近期驻点安排、1+N 团队，以及进入本村页面的小程序码（沙箱模式为普通二维码）。")
    @ApiResponse(responseCode = "200", description = "公示文件", content = {
            @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
            @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary"))})
    Mono<ResponseEntity<byte[]>> notice(
            @Parameter(description = "村（社区）的 12 位区划代码", example = "621025100201") @PathVariable String code,
            @Parameter(description = "png 或 pdf", example = "pdf") @RequestParam(defaultValue = "png") String format) {
        PrintableNotice.Format chosen;
        try {
            chosen = PrintableNotice.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Mono.error(ApiProblem.invalid("format", "format 只能是 png 或 pdf。"));
        }
        String filename = code + "-法律顾问公示." + chosen.name().toLowerCase(Locale.ROOT);
        return notices.render(code, chosen).map(bytes -> ResponseEntity.ok()
                .contentType(chosen == PrintableNotice.Format.PDF ? MediaType.APPLICATION_PDF : MediaType.IMAGE_PNG)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(filename, StandardCharsets.UTF_8).build().toString())
                .cacheControl(CacheControl.noCache())
                .body(bytes));
    }
}
