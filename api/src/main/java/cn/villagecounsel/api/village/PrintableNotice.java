package cn.villagecounsel.api.village;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Base64;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.api.common.ChinaTime;
import cn.villagecounsel.api.common.DirectoryChanges;
import cn.villagecounsel.api.duty.DutyMode;
import cn.villagecounsel.api.village.notice.NoticeFontMissingException;
import cn.villagecounsel.api.village.notice.NoticeRenderer;
import cn.villagecounsel.api.village.notice.NoticeSheet;
import cn.villagecounsel.wechat.MiniProgramCodes;
import cn.villagecounsel.wechat.WechatRateLimitedException;
import cn.villagecounsel.wechat.WechatUnavailableException;
import reactor.core.publisher.Mono;

/**
 * The printable notice for the village's wall: the board's facts and a mini-program code (scene = village
 * code) that opens the village page. Both the code and the rendered notice are cached in Redis: the code
 * costs a WeChat call, the notice a few hundred milliseconds of CPU.
 */
@Service
class PrintableNotice {

    enum Format {
        PNG, PDF
    }

    private static final Map<DutyMode, String> MODE_LABELS = Map.of(DutyMode.IN_PERSON, "当面", DutyMode.PHONE, "电话",
            DutyMode.VIDEO, "视频");
    private static final Duration CODE_TTL = Duration.ofDays(30);
    private static final Duration NOTICE_TTL = Duration.ofMinutes(30);

    private final VillageBoardService boards;
    private final NoticeRenderer renderer;
    private final MiniProgramCodes codes;
    private final DirectoryChanges changes;
    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;
    private final String villagePage;

    PrintableNotice(VillageBoardService boards, NoticeRenderer renderer, MiniProgramCodes codes,
            DirectoryChanges changes, ReactiveStringRedisTemplate redis, Clock clock,
            @Value("${vc.village.mini-program-page:pages/village/index}") String villagePage) {
        this.boards = boards;
        this.renderer = renderer;
        this.codes = codes;
        this.changes = changes;
        this.redis = redis;
        this.clock = clock;
        this.villagePage = villagePage;
    }

    Mono<byte[]> render(String villageCode, Format format) {
        return boards.board(villageCode)
                .flatMap(board -> changes.versionOf(villageCode).flatMap(version -> cached(
                        "vc:notice:" + villageCode + ":" + format + ":" + ChinaTime.today(clock) + ":" + version,
                        NOTICE_TTL,
                        qrCode(villageCode).flatMap(qr -> {
                            NoticeSheet sheet = sheet(board, qr);
                            return format == Format.PDF ? renderer.pdf(sheet) : renderer.png(sheet);
                        }))))
                .onErrorMap(NoticeFontMissingException.class, e -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                        "NOTICE_UNAVAILABLE", "暂时无法生成公示", "服务器缺少中文字体，暂时无法生成可打印的公示，请联系管理员。"));
    }

    private Mono<byte[]> qrCode(String villageCode) {
        return cached("vc:mp-code:" + villagePage + ":" + villageCode, CODE_TTL,
                codes.unlimitedCode(villageCode, villagePage))
                .onErrorMap(WechatRateLimitedException.class, e -> new ApiProblem(HttpStatus.TOO_MANY_REQUESTS,
                        "RATE_LIMITED", "请求过于频繁", "生成小程序码过于频繁，请稍后再试。", Duration.ofMinutes(1)))
                .onErrorMap(WechatUnavailableException.class, e -> new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE,
                        "WECHAT_UNAVAILABLE", "微信服务繁忙", "暂时无法生成小程序码，请稍后重试。", Duration.ofSeconds(30)));
    }

    private Mono<byte[]> cached(String key, Duration ttl, Mono<byte[]> produce) {
        return redis.opsForValue().get(key)
                .map(Base64.getDecoder()::decode)
                .switchIfEmpty(Mono.defer(() -> produce.flatMap(bytes -> redis.opsForValue()
                        .set(key, Base64.getEncoder().encodeToString(bytes), ttl).thenReturn(bytes))));
    }

    private static NoticeSheet sheet(VillageBoard board, byte[] qr) {
        return new NoticeSheet(board.village().name(), board.township().name(), board.county().name(),
                board.advisors().stream().map(advisor -> new NoticeSheet.Advisor(advisor.name(), advisor.lawFirm(),
                        advisor.licenceNo(), advisor.publicPhone(), advisor.serviceScope())).toList(),
                board.deskDuty().stream().map(line -> new NoticeSheet.DeskDuty(line.advisorName(), line.place(),
                        line.schedule())).toList(),
                board.sessions().stream().map(session -> new NoticeSheet.Session(session.date(),
                        LocalTime.parse(session.start()), LocalTime.parse(session.end()), session.place(),
                        MODE_LABELS.get(session.mode()), session.advisorName())).toList(),
                board.team().stream().map(member -> new NoticeSheet.Member(member.name(), member.roleLabel(),
                        member.phone())).toList(),
                qr);
    }
}
