package cn.villagecounsel.api.officialaccount;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import cn.villagecounsel.api.question.QuestionIntake;
import reactor.core.publisher.Mono;

/**
 * Stands in for the questions feature's {@link QuestionIntake}, which is not on this branch: records every call and
 * answers as the contract says (the same message twice gives the same receipt; a person's later messages are
 * follow-ups of their question).
 */
class RecordingQuestionIntake implements QuestionIntake {

    private final List<InboundMessage> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Receipt> receipts = new ConcurrentHashMap<>();
    private final Set<String> askers = ConcurrentHashMap.newKeySet();

    @Override
    public Mono<Receipt> fromOfficialAccount(InboundMessage message) {
        return Mono.fromSupplier(() -> {
            calls.add(message);
            return receipts.computeIfAbsent(message.messageId(),
                    id -> new Receipt("q-" + message.userId(), !askers.add(message.userId())));
        });
    }

    /** Every call for this user, in order, repeats included. */
    List<InboundMessage> callsFor(String userId) {
        return calls.stream().filter(call -> call.userId().equals(userId)).toList();
    }

    /** Every call with this MsgId, repeats included. */
    List<InboundMessage> callsWith(String messageId) {
        return calls.stream().filter(call -> call.messageId().equals(messageId)).toList();
    }
}
