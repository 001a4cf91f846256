package cn.villagecounsel.api.officialaccount;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.villagecounsel.api.common.ApiProblem;
import cn.villagecounsel.wechat.OfficialAccountCallbacks;
import cn.villagecounsel.wechat.OfficialAccountCallbacks.Message;
import cn.villagecounsel.wechat.OfficialAccountCallbacks.Query;
import cn.villagecounsel.wechat.WechatDataInvalidException;
import cn.villagecounsel.wechat.WechatSignatureInvalidException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@ConditionalOnExpression(OfficialAccountConfig.CALLBACKS_CONFIGURED)
@Tag(name = "公众号消息推送", description = "微信服务器调用的公众号回调（服务器配置中的 URL），以签名证明来源，不需要登录")
class OfficialAccountController {

    static final String PATH = "/wx/mp";

    private static final MediaType XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

    private final OfficialAccountCallbacks callbacks;
    private final OfficialAccountInbox inbox;

    OfficialAccountController(OfficialAccountCallbacks callbacks, OfficialAccountInbox inbox) {
        this.callbacks = callbacks;
        this.inbox = inbox;
    }

    @GetMapping(path = PATH, produces = MediaType.TEXT_PLAIN_VALUE)
    @SecurityRequirements
    @Operation(summary = "微信服务器验证", description = "签名正确时原样返回 echostr，否则 403。")
    Mono<String> verify(@RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
            @RequestParam(required = false) String echostr) {
        if (echostr == null || !callbacks.verify(signature, timestamp, nonce)) {
            return Mono.error(signatureInvalid());
        }
        return Mono.just(echostr);
    }

    @PostMapping(path = PATH)
    @SecurityRequirements
    @Operation(summary = "接收公众号消息",
            description = "明文或安全模式（encrypt_type=aes）的 XML；4 秒内被动回复文字（安全模式下加密），事件无回复时返回 success。"
                    + "签名错误 403，消息无法解析 400。")
    Mono<ResponseEntity<String>> receive(@RequestParam(required = false) String signature,
            @RequestParam(required = false) String timestamp, @RequestParam(required = false) String nonce,
            @RequestParam(name = "encrypt_type", required = false) String encryptType,
            @RequestParam(name = "msg_signature", required = false) String msgSignature,
            @RequestBody(required = false) Mono<String> body) {
        // Checked before the body is read: a forged request costs nothing more.
        if (!callbacks.verify(signature, timestamp, nonce)) {
            return Mono.error(signatureInvalid());
        }
        Query query = new Query(signature, timestamp, nonce, encryptType, msgSignature);
        return body.defaultIfEmpty("")
                .map(xml -> callbacks.parse(query, xml))
                .onErrorMap(WechatSignatureInvalidException.class, invalid -> signatureInvalid())
                .onErrorMap(WechatDataInvalidException.class, invalid -> new ApiProblem(HttpStatus.BAD_REQUEST,
                        "WECHAT_MESSAGE_INVALID", "消息格式有误", "无法解析微信推送的消息。"))
                .flatMap(message -> inbox.answer(message).map(reply -> respond(message, reply)));
    }

    private ResponseEntity<String> respond(Message message, OfficialAccountInbox.Reply reply) {
        if (reply.text() == null) {
            // WeChat's documented "nothing to say": it neither retries nor tells the person anything went wrong.
            return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("success");
        }
        return ResponseEntity.ok().contentType(XML).body(callbacks.textReply(message, reply.text()));
    }

    private static ApiProblem signatureInvalid() {
        return new ApiProblem(HttpStatus.FORBIDDEN, "WECHAT_SIGNATURE_INVALID", "签名无效",
                "签名校验失败：请求不是来自微信服务器，或公众号后台配置的令牌（Token）与本系统不一致。");
    }
}
