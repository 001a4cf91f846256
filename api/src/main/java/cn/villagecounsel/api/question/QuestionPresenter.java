package cn.villagecounsel.api.question;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import cn.villagecounsel.api.common.AuditLog;
import cn.villagecounsel.api.common.FieldCipher;
import cn.villagecounsel.api.common.Phones;
import cn.villagecounsel.api.question.Question.Status;
import cn.villagecounsel.api.question.QuestionAccess.Viewer;
import cn.villagecounsel.api.question.QuestionViews.Action;
import cn.villagecounsel.api.question.QuestionViews.AskerView;
import cn.villagecounsel.api.question.QuestionViews.AttachmentView;
import cn.villagecounsel.api.question.QuestionViews.ClaimView;
import cn.villagecounsel.api.question.QuestionViews.HistoryView;
import cn.villagecounsel.api.question.QuestionViews.MessageView;
import cn.villagecounsel.api.question.QuestionViews.QueueItem;
import cn.villagecounsel.api.question.QuestionViews.QuestionView;
import cn.villagecounsel.api.question.QuestionViews.RatingView;
import cn.villagecounsel.api.region.RegionDirectory;
import cn.villagecounsel.api.region.RegionView;
import reactor.core.publisher.Mono;

/**
 * Turns questions into views for a viewer: phones decrypted for the asker, and for staff only when the asker agreed
 * to be called (each such read is audited); the actions the viewer may take now.
 */
@Component
class QuestionPresenter {

    private static final int EXCERPT = 80;
    private static final Set<Status> ASKER_MAY_WRITE = EnumSet.of(Status.OPEN, Status.CLAIMED, Status.ANSWERED);

    private final RegionDirectory regions;
    private final QuestionAttachments attachments;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final QuestionProperties properties;
    private final Clock clock;

    QuestionPresenter(RegionDirectory regions, QuestionAttachments attachments, FieldCipher cipher, AuditLog audit,
            QuestionProperties properties, Clock clock) {
        this.regions = regions;
        this.attachments = attachments;
        this.cipher = cipher;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<QuestionView> view(Question question, Viewer viewer) {
        List<String> fileIds = Stream.concat(question.attachmentIds().stream(),
                question.messages().stream().flatMap(message -> message.attachmentIds().stream())).distinct().toList();
        boolean fullPhone = showsFullPhone(question, viewer);
        Mono<Void> audited = fullPhone && !question.isAskedBy(viewer.user().id())
                ? audit.record(viewer.user().id(), "question.phone.view", question.id(), "SUCCESS",
                        List.of(question.villageCode()))
                : Mono.empty();
        return Mono.zip(villageNames(List.of(question.villageCode())), attachments.of(fileIds)
                        .map(found -> found.stream().collect(Collectors.toMap(QuestionAttachment::id, Function.identity()))))
                .flatMap(loaded -> audited.thenReturn(build(question, viewer, fullPhone,
                        loaded.getT1().get(question.villageCode()), loaded.getT2())));
    }

    private QuestionView build(Question question, Viewer viewer, boolean fullPhone, String villageName,
            Map<String, QuestionAttachment> files) {
        Function<List<String>, List<AttachmentView>> attached = ids -> ids.stream().map(files::get)
                .filter(Objects::nonNull).map(AttachmentView::of).toList();
        List<MessageView> messages = question.messages().stream()
                .map(message -> new MessageView(message.id(), message.kind(), message.authorName(),
                        message.authorRole(), message.text(), attached.apply(message.attachmentIds()),
                        message.article(), message.referral(),
                        message.referral() == null ? null : message.referral().label(), message.at()))
                .toList();
        Question.Claim claim = question.status() == Status.CLAIMED ? question.claim() : null;
        return new QuestionView(question.id(), question.villageCode(), villageName, question.topic(),
                question.topic().label(), question.text(), question.status(), question.status().label(),
                question.poolLevel(), question.urgent(), question.greenChannel(), question.channel(),
                question.contentCheck(), asker(question, fullPhone), attached.apply(question.attachmentIds()),
                claim == null ? null : new ClaimView(claim.advisorId(), claim.advisorName(), claim.claimedAt(),
                        claim.leaseUntil()),
                messages, question.history().stream().map(HistoryView::of).toList(), RatingView.of(question.rating()),
                question.askedAt(), question.firstClaimedAt(), question.firstAnsweredAt(), question.closedAt(),
                reopenUntil(question), question.status() == Status.OPEN ? question.escalateAt() : null,
                actions(question, viewer));
    }

    private AskerView asker(Question question, boolean fullPhone) {
        String stored = question.neighbour() != null ? question.neighbour().phone() : question.askerPhone();
        String phone = stored == null ? null : cipher.decrypt(stored);
        return new AskerView(question.neighbour() != null ? question.neighbour().name() : question.askerName(),
                fullPhone ? phone : Phones.mask(phone), question.callbackAllowed(), question.neighbour() != null,
                question.neighbour() != null ? question.askerName() : null);
    }

    private static boolean showsFullPhone(Question question, Viewer viewer) {
        String stored = question.neighbour() != null ? question.neighbour().phone() : question.askerPhone();
        return stored != null && (question.isAskedBy(viewer.user().id()) || question.callbackAllowed());
    }

    Instant reopenUntil(Question question) {
        return question.status() == Status.CLOSED && question.closedAt() != null
                ? question.closedAt().plus(properties.reopenWithin()) : null;
    }

    List<Action> actions(Question question, Viewer viewer) {
        List<Action> actions = new ArrayList<>();
        Instant now = clock.instant();
        if (question.isAskedBy(viewer.user().id())) {
            if (ASKER_MAY_WRITE.contains(question.status())) {
                actions.add(Action.FOLLOW_UP);
                actions.add(Action.CLOSE);
            }
            if (question.lastAnswer() != null && question.rating() == null
                    && (question.status() == Status.ANSWERED || question.status() == Status.CLOSED)) {
                actions.add(Action.RATE);
            }
            Instant reopenUntil = reopenUntil(question);
            if (reopenUntil != null && now.isBefore(reopenUntil)) {
                actions.add(Action.REOPEN);
            }
        }
        if (viewer.isAdvisor() && question.heldBy(viewer.advisorId())) {
            actions.addAll(List.of(Action.RENEW, Action.ANSWER, Action.RELEASE, Action.TRANSFER, Action.REFER, Action.CLOSE));
        } else if (viewer.isAdvisor() && viewer.inPool(question) && question.claimable(now)) {
            actions.add(Action.CLAIM);
        }
        if (viewer.isAdminFor(question)) {
            if (question.status() == Status.HELD_FOR_REVIEW) {
                actions.add(Action.REVIEW);
            } else if (ASKER_MAY_WRITE.contains(question.status()) && !actions.contains(Action.CLOSE)) {
                actions.add(Action.CLOSE);
            }
        }
        return actions;
    }

    Mono<List<QueueItem>> items(List<Question> questions) {
        return villageNames(questions.stream().map(Question::villageCode).collect(Collectors.toSet()))
                .map(names -> questions.stream().map(question -> item(question, names.get(question.villageCode())))
                        .toList());
    }

    private static QueueItem item(Question question, String villageName) {
        String text = question.text();
        return new QueueItem(question.id(), question.villageCode(), villageName, question.topic(),
                question.topic().label(), text.length() > EXCERPT ? text.substring(0, EXCERPT) + "…" : text,
                question.status(), question.status().label(), question.poolLevel(), question.urgent(),
                question.greenChannel(), question.askedAt(),
                question.status() == Status.OPEN ? question.escalateAt() : null,
                question.status() == Status.CLAIMED && question.claim() != null ? question.claim().leaseUntil() : null,
                question.lastAnswer() != null);
    }

    private Mono<Map<String, String>> villageNames(Collection<String> codes) {
        return regions.describe(codes)
                .map(found -> found.stream().collect(Collectors.toMap(RegionView::code, RegionView::name, (a, b) -> a)));
    }
}
