package cn.villagecounsel.api.village;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

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

    VillageController(VillageBoardService boards) {
        this.boards = boards;
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
}
