package cn.villagecounsel.api.question;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The question benchmark ({@code bench/questions.sh}), a client of a running stack through its public entry (the
 * gateway at {@code BASE_URL}), using only the public API. {@code ADVISORS} (50) advisors race to claim from
 * {@code QUESTIONS} (1,000) open questions of one village. Each advisor loops as the advisor mode of the mini-program
 * would: {@code GET /api/v1/queue}, then {@code POST /questions/{id}/claim} on the items in order (409
 * {@code ALREADY_CLAIMED}: the next one), until it holds {@code HOLD} (1) questions, then
 * {@code POST /questions/{id}/answer} for each; until the queue is empty and it holds nothing. Two modes:
 * <ul>
 * <li>{@code race}: {@code RUNS} (10) runs, each on a fresh village (a new region, the same advisors given a filed
 * agreement for it) with {@code QUESTIONS} asked by {@code RESIDENTS} (100) sandbox residents. Counts the answers to
 * claims and answers and times them, then checks through the API that every question was claimed by exactly one
 * advisor (one 200 across all advisors, one {@code CLAIMED} in its history, by that advisor, before the one
 * {@code ANSWERED}, by the same advisor), that all were answered, that no advisor still holds one, and that nothing
 * else was answered (any 5xx or unexpected code fails the run). Prints a Markdown table, exits 1 if a run fails.</li>
 * <li>{@code crash DIR}: one such run on a stack that {@code bench/questions.sh} can kill: once {@code KILL_AFTER}
 * (half) claims have succeeded it writes {@code DIR/kill-now}; the script kills the api with SIGKILL, starts it again
 * on the same data and writes {@code DIR/restarted}. The advisors, who saw the outage as errors, are held; the
 * benchmark checks that every question is still there and is open, or held by exactly one advisor (its history, its
 * claim and the advisors' {@code /queue/mine} agree), or answered by the one who claimed it; then the advisors pick
 * up what {@code /queue/mine} says they hold and finish, and the full check runs again. Acknowledged claims and
 * answers that the restart no longer shows are counted (the embedded MongoDB-protocol server keeps its H2 file
 * store's last second or so in memory).</li>
 * </ul>
 */
final class QuestionBench {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COUNTY = "621025000000";
    private static final String TOWNSHIP_PREFIX = "621025100";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(4)).build();
    private final String base = env("BASE_URL", "http://127.0.0.1:28280");
    private final String nonce = Integer.toString(ThreadLocalRandom.current().nextInt(1 << 20, 1 << 24), 36);
    private final int advisorCount = Integer.parseInt(env("ADVISORS", "50"));
    private final int questionCount = Integer.parseInt(env("QUESTIONS", "1000"));
    private final int residentCount = Integer.parseInt(env("RESIDENTS", "100"));
    private final int hold = Integer.parseInt(env("HOLD", "1"));
    private final int queueLimit = Integer.parseInt(env("QUEUE_LIMIT", "20"));
    private final boolean randomPick = "random".equals(env("PICK", "first"));
    private final int drainSeconds = Integer.parseInt(env("DRAIN_SECONDS", "0"));
    private final List<Advisor> advisors = new ArrayList<>();
    private volatile String admin;
    private volatile long adminAt;

    /** One answer: status (0 when there was none), body (or the exception's text) and how long it took. */
    record Reply(int status, String body, long nanos) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String code() {
            if (status < 400 || body == null || !body.startsWith("{")) {
                return "";
            }
            return json().path("code").asString("");
        }

        /** The api is not there: no answer, or the gateway's 502/503/504 for it. */
        boolean outage() {
            return status == 0 || status == 502 || status == 503 || status == 504;
        }

        String describe() {
            String what = status == 0 ? body : status + " " + code();
            return what.length() > 120 ? what.substring(0, 120) : what;
        }
    }

    /** An advisor of the benchmark: profile id, display name (unique), account and the current access token. */
    static final class Advisor {
        final int index;
        final String id;
        final String name;
        final String username;
        final String password;
        volatile String token;

        Advisor(int index, String id, String name, String username, String password) {
            this.index = index;
            this.id = id;
            this.name = name;
            this.username = username;
            this.password = password;
        }
    }

    public static void main(String[] args) throws Exception {
        QuestionBench bench = new QuestionBench();
        String mode = args.length > 0 ? args[0] : "race";
        boolean ok = switch (mode) {
            case "race" -> bench.race();
            case "crash" -> bench.crash(Path.of(args[1]));
            default -> throw new IllegalArgumentException("mode: race | crash DIR");
        };
        System.exit(ok ? 0 : 1);
    }

    // ---- the race ----

    private boolean race() throws Exception {
        int runs = Integer.parseInt(env("RUNS", "10"));
        System.out.println(String.format(Locale.ROOT,
                "%d advisors, %d questions a run from %d residents, each advisor holding up to %d at once (claims: %s item"
                        + " of a %d-item queue page first); `vc.questions.max-claims` %s; notification dispatch every %s.",
                advisorCount, questionCount, residentCount, hold, randomPick ? "a random" : "the first", queueLimit,
                env("VC_QUESTIONS_MAX_CLAIMS", "5 (default)"), env("VC_NOTIFICATIONS_DISPATCH_INTERVAL", "1s (default)")));
        System.out.println();
        System.out.println("| run | claims 200 | 409 ALREADY_CLAIMED | other 409 | claim errors | answers 200 | answer errors"
                + " | questions claimed once / answered | double claims | race s | claim p50 / p90 / p99 / max ms"
                + " | answer p50 / p90 / p99 / max ms | queue p50 / p99 ms | ask s (p99 ms) | drain s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        createAdvisors();
        List<Long> allClaims = new ArrayList<>();
        List<Long> allAnswers = new ArrayList<>();
        List<Long> allQueues = new ArrayList<>();
        long[] totals = new long[8];
        int failed = 0;
        for (int run = 1; run <= runs; run++) {
            admin = null; // access tokens live 15 minutes: sign in again every run
            String village = TOWNSHIP_PREFIX + (800 + run);
            Prepared prepared = prepare(village, "问答压测" + run + "村", "r" + run);
            Race race = new Race(prepared, null);
            race.run();
            Verdict verdict = verify(prepared, race, false);
            boolean ok = verdict.problems.isEmpty() && race.errors() == 0;
            failed += ok ? 0 : 1;
            allClaims.addAll(race.claimNanos);
            allAnswers.addAll(race.answerNanos);
            allQueues.addAll(race.queueNanos);
            totals[0] += race.claimOk.get();
            totals[1] += race.count("claim 409 ALREADY_CLAIMED");
            totals[2] += race.claim409Other();
            totals[3] += race.claimErrors();
            totals[4] += race.answerOk.get();
            totals[5] += race.answerErrors();
            totals[6] += verdict.exact;
            totals[7] += verdict.doubleClaims;
            System.out.println(String.format(Locale.ROOT,
                    "| %d%s | %d | %d | %d | %d | %d | %d | %d / %d | %d | %.1f | %s | %s | %s | %.1f (%.0f) | %.0f |",
                    run, ok ? "" : " ✗", race.claimOk.get(), race.count("claim 409 ALREADY_CLAIMED"), race.claim409Other(),
                    race.claimErrors(), race.answerOk.get(), race.answerErrors(), verdict.exact, verdict.answered,
                    verdict.doubleClaims, race.wallNanos / 1e9, spread(race.claimNanos), spread(race.answerNanos),
                    short2(race.queueNanos), prepared.askNanos / 1e9, percentile(sorted(prepared.askLatencies), 99),
                    prepared.drainNanos / 1e9));
            for (String problem : verdict.problems) {
                System.out.println("<!-- run " + run + ": " + problem + " -->");
            }
            for (Map.Entry<String, Integer> answer : new TreeMap<>(race.outcomes).entrySet()) {
                String what = answer.getKey();
                if (!what.equals("claim 200") && !what.equals("claim 409 ALREADY_CLAIMED") && !what.equals("answer 200")
                        && !what.equals("queue 200")) {
                    System.out.println("<!-- run " + run + ": " + answer.getValue() + " × " + what + " -->");
                }
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "| **all %d** | %d | %d | %d | %d | %d | %d | %d / %d | %d | | %s | %s | %s | | |", runs, totals[0],
                totals[1], totals[2], totals[3], totals[4], totals[5], totals[6], (long) runs * questionCount, totals[7],
                spread(allClaims), spread(allAnswers), short2(allQueues)));
        System.out.println();
        System.out.println(String.format(Locale.ROOT,
                "%d of %d runs exact: every question claimed by exactly one advisor and answered by them, no error."
                        + " Claim p99 %.1f ms, answer p99 %.1f ms over all runs (through the gateway).",
                runs - failed, runs, percentile(sorted(allClaims), 99), percentile(sorted(allAnswers), 99)));
        return failed == 0;
    }

    // ---- the crash ----

    private boolean crash(Path dir) throws Exception {
        Files.createDirectories(dir);
        int killAfter = Integer.parseInt(env("KILL_AFTER", Integer.toString(questionCount / 2)));
        createAdvisors();
        admin = null;
        String village = TOWNSHIP_PREFIX + "799";
        Prepared prepared = prepare(village, "问答压测断电村", "crash");
        Crash crash = new Crash(dir, killAfter);
        Race race = new Race(prepared, crash);
        System.out.println(String.format(Locale.ROOT,
                "%d advisors, %d questions (asked in %.1f s, outbox drained in %.0f s); the api is killed with SIGKILL once"
                        + " %d claims have succeeded.", advisorCount, questionCount, prepared.askNanos / 1e9,
                prepared.drainNanos / 1e9, killAfter));
        System.out.println();
        race.run();
        if (!crash.checked) {
            System.out.println("The api was not killed and restarted in time (" + crash.failure + "): FAILED.");
            return false;
        }
        System.out.println();
        System.out.println("**After the advisors finished:**");
        System.out.println();
        admin = null;
        Verdict end = verify(prepared, race, true);
        System.out.println(String.format(Locale.ROOT,
                "- %d claims 200 (%d before the kill, %d after), %d × 409 ALREADY_CLAIMED, %d other 409s, %d answers 200;"
                        + " requests cut off by the outage: %s.",
                race.claimOk.get(), crash.claimsBeforeKill, race.claimOk.get() - crash.claimsBeforeKill,
                race.count("claim 409 ALREADY_CLAIMED"), race.claim409Other(), race.answerOk.get(), crash.cutOff));
        System.out.println(String.format(Locale.ROOT,
                "- %d of %d questions answered, %d of them claimed exactly once (one CLAIMED in the history, by the"
                        + " advisor who answered); questions with two claims in their history: %d.",
                end.answered, questionCount, end.exact, end.doubleClaims));
        System.out.println(String.format(Locale.ROOT,
                "- questions with two successful claim answers: %d (of which the first was an acknowledged claim the"
                        + " restart did not keep: %d); answers acknowledged twice (the first lost in the restart): %d.",
                end.claimedTwice, end.claimedTwiceAfterLoss, end.answeredTwice));
        System.out.println(String.format(Locale.ROOT,
                "- unexpected answers outside the outage: %d%s.", race.errors(),
                race.errors() == 0 ? "" : " " + race.unexpected()));
        System.out.println(String.format(Locale.ROOT,
                "- claim p50 / p90 / p99 / max %s ms, answer %s ms (whole run, outage excluded); race %.1f s including"
                        + " the restart (%.1f s down).",
                spread(race.claimNanos), spread(race.answerNanos), race.wallNanos / 1e9, crash.downNanos / 1e9));
        for (String problem : end.problems) {
            System.out.println("<!-- after: " + problem + " -->");
        }
        boolean ok = crash.ok && end.problems.isEmpty() && race.errors() == 0;
        System.out.println();
        System.out.println("Crash part: " + (ok ? "every check passed." : "FAILED."));
        return ok;
    }

    /** The kill, the restart, and the check in between; the advisors are held while it runs. */
    final class Crash {
        final Path dir;
        final int killAfter;
        final AtomicBoolean killRequested = new AtomicBoolean();
        volatile boolean paused;
        final CountDownLatch resume = new CountDownLatch(1);
        final AtomicInteger parked = new AtomicInteger();
        volatile long killAt;
        long downNanos;
        int claimsBeforeKill;
        boolean checked;
        boolean ok;
        volatile String failure = "";
        final Map<String, Integer> cutOff = new ConcurrentHashMap<>();
        /** Claims and answers acknowledged (200) before the kill: question id -> advisor index. */
        final Map<String, Integer> ackedClaims = new ConcurrentHashMap<>();
        final Map<String, Integer> ackedAnswers = new ConcurrentHashMap<>();
        /** Claims acknowledged before the kill that the restarted api did not keep: question -> advisor. */
        final Map<String, Integer> lostClaims = new ConcurrentHashMap<>();

        Crash(Path dir, int killAfter) {
            this.dir = dir;
            this.killAfter = killAfter;
        }

        /** Called on every successful claim: at the threshold, asks the script to kill the api. */
        void claimed(int total) throws IOException {
            if (total >= killAfter && killRequested.compareAndSet(false, true)) {
                killAt = System.nanoTime();
                Files.writeString(dir.resolve("kill-now"), "kill\n");
            }
        }

        /** An advisor waits here through the outage and the check, until the main thread lets them go on. */
        void park() {
            parked.incrementAndGet();
            try {
                resume.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (!failure.isEmpty()) {
                throw new IllegalStateException("the crash part failed: " + failure);
            }
        }

        /** Waits for the restart, holds every advisor, checks, lets them go on. */
        void supervise(Race race, List<Future<?>> loops) throws Exception {
            long waitedFor = System.nanoTime();
            while (!killRequested.get()) {
                if (loops.stream().allMatch(Future::isDone)) {
                    failure = "the advisors finished before " + killAfter + " claims";
                    resume.countDown();
                    return;
                }
                Thread.sleep(20);
            }
            Path restarted = dir.resolve("restarted");
            while (!Files.exists(restarted)) {
                if (System.nanoTime() - waitedFor > TimeUnit.SECONDS.toNanos(600)) {
                    failure = "no " + restarted + " within 600 s";
                    resume.countDown();
                    return;
                }
                Thread.sleep(50);
            }
            downNanos = System.nanoTime() - killAt;
            paused = true;
            long finished;
            while (parked.get() + (finished = loops.stream().filter(Future::isDone).count()) < advisorCount) {
                Thread.sleep(20);
            }
            claimsBeforeKill = race.claimOk.get();
            System.out.println(String.format(Locale.ROOT,
                    "The kill was asked for at %d claims; %d claims had been answered 200 when the api went down; it"
                            + " answered again %.1f s after the request. %d advisors held (%d had finished); requests"
                            + " cut off: %s.",
                    killAfter, claimsBeforeKill, downNanos / 1e9, parked.get(), finished, new TreeMap<>(cutOff)));
            System.out.println();
            System.out.println("**Right after the restart** (advisors held):");
            System.out.println();
            admin = null;
            ok = checkAfterRestart(race);
            checked = true;
            paused = false;
            resume.countDown();
        }

        /** Every question present and open, held by exactly one advisor, or answered by the one who claimed it. */
        private boolean checkAfterRestart(Race race) {
            Prepared prepared = race.prepared;
            List<String> problems = new ArrayList<>();
            Map<String, JsonNode> questions = fetchAll(prepared, problems);
            Map<String, Integer> byStatus = new TreeMap<>();
            Map<String, String> holderOf = new HashMap<>(); // CLAIMED question -> advisor id in its claim
            int historyMismatch = 0;
            for (String id : prepared.ids) {
                JsonNode question = questions.get(id);
                if (question == null) {
                    continue;
                }
                String status = question.path("status").asString("");
                byStatus.merge(status, 1, Integer::sum);
                List<JsonNode> claims = history(question, "CLAIMED");
                List<JsonNode> answers = history(question, "ANSWERED");
                String claimant = question.path("claim").path("advisorId").asString("");
                switch (status) {
                    case "OPEN" -> {
                        if (!claims.isEmpty() || !answers.isEmpty() || !claimant.isEmpty()) {
                            historyMismatch++;
                            problems.add(id + " is OPEN with " + claims.size() + " claims in its history, claim " + claimant);
                        }
                    }
                    case "CLAIMED" -> {
                        holderOf.put(id, claimant);
                        Advisor holder = advisorById(claimant);
                        if (holder == null || claims.size() != 1 || !answers.isEmpty()
                                || !holder.name.equals(claims.get(0).path("actorName").asString(""))) {
                            historyMismatch++;
                            problems.add(id + " is CLAIMED by " + claimant + " with history claims "
                                    + actors(claims) + ", answers " + actors(answers));
                        }
                    }
                    case "ANSWERED" -> {
                        if (claims.size() != 1 || answers.size() != 1 || !actors(claims).equals(actors(answers))) {
                            historyMismatch++;
                            problems.add(id + " is ANSWERED with history claims " + actors(claims) + ", answers "
                                    + actors(answers));
                        }
                    }
                    default -> problems.add(id + " is " + status);
                }
            }
            // what every advisor's own list says it holds: each CLAIMED question in exactly one list, its holder's
            Map<String, List<Integer>> inLists = new HashMap<>();
            for (Advisor advisor : advisors) {
                for (String id : mine(advisor)) {
                    inLists.computeIfAbsent(id, key -> new ArrayList<>()).add(advisor.index);
                }
            }
            int inTwoLists = 0;
            for (Map.Entry<String, List<Integer>> held : inLists.entrySet()) {
                if (held.getValue().size() > 1) {
                    inTwoLists++;
                    problems.add(held.getKey() + " is in the /queue/mine of advisors " + held.getValue());
                }
                String holder = holderOf.get(held.getKey());
                if (holder == null || !holder.equals(advisors.get(held.getValue().get(0)).id)) {
                    problems.add(held.getKey() + " is in the /queue/mine of advisor " + held.getValue()
                            + " but the question shows holder " + holder);
                }
            }
            for (String id : holderOf.keySet()) {
                if (!inLists.containsKey(id)) {
                    problems.add(id + " is CLAIMED but in no advisor's /queue/mine");
                }
            }
            // what the clients were told before the kill, against what the restarted api shows
            int keptClaims = 0, keptAnswers = 0, lostAnswers = 0;
            for (Map.Entry<String, Integer> acked : ackedClaims.entrySet()) {
                JsonNode question = questions.get(acked.getKey());
                String status = question == null ? "" : question.path("status").asString("");
                String advisorName = advisors.get(acked.getValue()).name;
                List<JsonNode> claims = question == null ? List.of() : history(question, "CLAIMED");
                if ((status.equals("CLAIMED") || status.equals("ANSWERED")) && claims.size() == 1
                        && advisorName.equals(claims.get(0).path("actorName").asString(""))) {
                    keptClaims++;
                } else if (status.equals("OPEN")) {
                    lostClaims.put(acked.getKey(), acked.getValue());
                } else {
                    problems.add("claim of " + acked.getKey() + " acknowledged to " + advisorName + ", now " + status
                            + " with claims " + actors(claims));
                }
            }
            for (Map.Entry<String, Integer> acked : ackedAnswers.entrySet()) {
                JsonNode question = questions.get(acked.getKey());
                String status = question == null ? "" : question.path("status").asString("");
                if (status.equals("ANSWERED")) {
                    keptAnswers++;
                } else if (status.equals("CLAIMED")) {
                    lostAnswers++;
                } else {
                    problems.add("answer of " + acked.getKey() + " acknowledged, now " + status);
                }
            }
            // requests whose answer the outage cut off: where did they end?
            Map<String, Integer> cutOffEnds = new TreeMap<>();
            for (String[] unknown : race.unknownOutcomes) {
                JsonNode question = questions.get(unknown[1]);
                String status = question == null ? "?" : question.path("status").asString("?");
                String holder = status.equals("CLAIMED") ? question.path("claim").path("advisorId").asString("") : "";
                String mineOrNot = holder.isEmpty() ? "" : holder.equals(advisors.get(Integer.parseInt(unknown[2])).id)
                        ? " (this advisor)" : " (another advisor)";
                cutOffEnds.merge(unknown[0] + " → " + status + mineOrNot, 1, Integer::sum);
            }
            System.out.println(String.format(Locale.ROOT,
                    "- %d of %d questions present: %s; history, claim and `/queue/mine` disagree for %d; in two advisors'"
                            + " lists: %d.",
                    questions.size(), questionCount, byStatus, historyMismatch, inTwoLists));
            System.out.println(String.format(Locale.ROOT,
                    "- claims acknowledged before the kill: %d, still held or answered by the same advisor: %d, back to"
                            + " OPEN (acknowledged, not kept): %d; answers acknowledged: %d, kept: %d, back to CLAIMED (not"
                            + " kept): %d.",
                    ackedClaims.size(), keptClaims, lostClaims.size(), ackedAnswers.size(), keptAnswers, lostAnswers));
            System.out.println("- requests the kill cut off, and where their question is now: "
                    + (cutOffEnds.isEmpty() ? "none" : cutOffEnds) + ".");
            for (String problem : problems) {
                System.out.println("<!-- after the restart: " + problem + " -->");
            }
            boolean passed = problems.isEmpty() && questions.size() == questionCount;
            System.out.println("- every question open, held by exactly one advisor, or answered by its one claimant, none"
                    + " lost: " + (passed ? "**yes**" : "**NO**") + ".");
            return passed;
        }
    }

    // ---- one run of the race ----

    /** A village with its questions asked and the advisors signed in. */
    record Prepared(String village, List<String> ids, List<Long> askLatencies, long askNanos, long drainNanos) {
    }

    private Prepared prepare(String village, String name, String tag) throws Exception {
        Reply region = send("POST", "/api/v1/admin/regions", admin(), Map.of("code", village, "name", name));
        if (region.status() != 201 && region.status() != 409) {
            throw new IllegalStateException("region: " + region);
        }
        LocalDate today = LocalDate.now(CHINA);
        all(advisors.size(), i -> {
            Advisor advisor = advisors.get(i);
            String agreement = expect(send("POST", "/api/v1/admin/agreements", admin(), Map.of("advisorId", advisor.id,
                    "villageCode", village, "startDate", today.minusMonths(1).toString(),
                    "endDate", today.plusYears(1).toString())), 201).path("id").asString();
            expect(send("POST", "/api/v1/admin/agreements/" + agreement + "/filing", admin(), null), 200);
            return null;
        }, 8);
        String[] residents = new String[residentCount];
        all(residentCount, i -> {
            residents[i] = expect(send("POST", "/api/v1/auth/wechat", null,
                    Map.of("code", "sandbox:qb-" + nonce + "-" + i)), 200).path("access_token").asString();
            return null;
        }, 16);
        String[] ids = new String[questionCount];
        Long[] latencies = new Long[questionCount];
        int askParallel = Integer.parseInt(env("ASK_PARALLEL", "16"));
        long asking = System.nanoTime();
        all(questionCount, i -> {
            Map<String, Object> form = new HashMap<>();
            form.put("villageCode", village);
            form.put("topic", "LAND");
            form.put("text", "第" + (i + 1) + "个问题：承包地被邻居占用了一半，村里调解不成，该怎么办？");
            Reply reply = send("POST", "/api/v1/questions", residents[i % residentCount], form,
                    "Idempotency-Key", "qb-" + nonce + "-" + tag + "-" + i);
            ids[i] = expect(reply, 201).path("id").asString();
            latencies[i] = reply.nanos();
            return null;
        }, askParallel);
        asking = System.nanoTime() - asking;
        // the "asked" notices (one per question to each of the village's advisors) drain first: they are the asking's
        // cost, not the claims'
        long draining = System.nanoTime();
        while (drainSeconds > 0 && System.nanoTime() - draining < TimeUnit.SECONDS.toNanos(drainSeconds)) {
            JsonNode pending = expect(get("/api/v1/admin/notifications?region=" + village + "&status=PENDING&limit=1",
                    admin()), 200);
            if (pending.path("items").size() == 0) {
                break;
            }
            Thread.sleep(2_000);
        }
        draining = System.nanoTime() - draining;
        // access tokens live 15 minutes: the advisors sign in right before the race
        all(advisors.size(), i -> {
            Advisor advisor = advisors.get(i);
            advisor.token = expect(send("POST", "/api/v1/auth/login", null,
                    Map.of("username", advisor.username, "password", advisor.password)), 200).path("access_token").asString();
            return null;
        }, 8);
        warm(advisors.size());
        return new Prepared(village, List.of(ids), List.of(latencies), asking, draining);
    }

    /** The advisors' loops, their answers and timings. */
    final class Race {
        final Prepared prepared;
        final Crash crash;
        final Set<String> ours;
        final AtomicInteger claimOk = new AtomicInteger();
        final AtomicInteger answerOk = new AtomicInteger();
        final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        final List<Long> claimNanos = Collections.synchronizedList(new ArrayList<>());
        final List<Long> answerNanos = Collections.synchronizedList(new ArrayList<>());
        final List<Long> queueNanos = Collections.synchronizedList(new ArrayList<>());
        /** Successful claims and answers: question id -> advisor indexes, in order. */
        final Map<String, List<Integer>> claims = new ConcurrentHashMap<>();
        final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
        /** Requests the outage cut off: {kind, question id, advisor index}. */
        final ConcurrentLinkedQueue<String[]> unknownOutcomes = new ConcurrentLinkedQueue<>();
        final Map<String, Integer> unexpectedAnswers = new ConcurrentHashMap<>();
        long wallNanos;

        Race(Prepared prepared, Crash crash) {
            this.prepared = prepared;
            this.crash = crash;
            this.ours = new HashSet<>(prepared.ids);
        }

        void run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(advisors.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> loops = new ArrayList<>();
            for (Advisor advisor : advisors) {
                loops.add(pool.submit(() -> {
                    start.await();
                    loop(advisor);
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            if (crash != null) {
                crash.supervise(this, loops);
            }
            for (Future<?> loop : loops) {
                try {
                    loop.get();
                } catch (java.util.concurrent.ExecutionException failed) {
                    outcome("advisor stopped: " + failed.getCause(), false);
                }
            }
            wallNanos = System.nanoTime() - began;
            pool.shutdown();
        }

        int count(String what) {
            return outcomes.getOrDefault(what, 0);
        }

        int claim409Other() {
            return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("claim 409 ")
                    && !e.getKey().equals("claim 409 ALREADY_CLAIMED")).mapToInt(Map.Entry::getValue).sum();
        }

        int claimErrors() {
            return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("claim ")
                    && !e.getKey().startsWith("claim 200") && !e.getKey().startsWith("claim 409 "))
                    .mapToInt(Map.Entry::getValue).sum();
        }

        int answerErrors() {
            return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("answer ")
                    && !e.getKey().equals("answer 200")).mapToInt(Map.Entry::getValue).sum();
        }

        int errors() {
            return unexpectedAnswers.values().stream().mapToInt(Integer::intValue).sum();
        }

        Map<String, Integer> unexpected() {
            return new TreeMap<>(unexpectedAnswers);
        }

        /** Counts an answer; answers that are neither expected nor the outage's are errors. */
        private void outcome(String what, boolean expected) {
            outcomes.merge(what, 1, Integer::sum);
            if (!expected) {
                unexpectedAnswers.merge(what, 1, Integer::sum);
            }
        }

        /**
         * One request of an advisor. In the crash part, once the kill was asked for, no answer or a gateway error
         * means the api is down: the request's outcome is unknown (null is returned) and the advisor waits for the
         * restart and the check. Before each request, an advisor waits while the check runs.
         */
        private Reply call(Advisor advisor, String kind, String questionId, String method, String path) {
            if (crash != null && crash.paused) {
                crash.park();
            }
            Reply reply = send(method, path, advisor.token, method.equals("POST") ? body(kind) : null);
            if (crash != null && reply.outage() && crash.killRequested.get() && !crash.checked) {
                crash.cutOff.merge(kind + " " + reply.describe(), 1, Integer::sum);
                if (questionId != null) {
                    unknownOutcomes.add(new String[] { kind, questionId, Integer.toString(advisor.index) });
                }
                crash.park();
                return null;
            }
            return reply;
        }

        private Object body(String kind) {
            return kind.equals("answer") ? Map.of("text", "您好：根据《农村土地承包法》，承包地受法律保护，可先申请村委会调解，"
                    + "调解不成的可向乡镇人民政府申请调解或向农村土地承包仲裁委员会申请仲裁，也可以直接向人民法院起诉。") : Map.of();
        }

        private void loop(Advisor advisor) {
            List<String> held = new ArrayList<>();
            boolean recovered = crash == null;
            while (true) {
                if (!recovered && crash.checked) {
                    // after the restart: hold exactly what the api says this advisor holds
                    held.clear();
                    held.addAll(mine(advisor));
                    recovered = true;
                }
                boolean full = held.size() >= hold;
                Reply queue = full ? null : call(advisor, "queue", null, "GET", "/api/v1/queue?limit=" + queueLimit);
                if (!full && queue == null) {
                    continue; // cut off by the outage: ask again
                }
                List<String> items = new ArrayList<>();
                if (queue != null) {
                    if (queue.status() != 200) {
                        outcome("queue " + queue.describe(), false);
                        sleep(100);
                        continue;
                    }
                    queueNanos.add(queue.nanos());
                    outcome("queue 200", true);
                    for (JsonNode item : queue.json().path("items").values()) {
                        items.add(item.path("id").asString());
                    }
                    if (randomPick) {
                        Collections.shuffle(items);
                    }
                }
                if (items.isEmpty() && held.isEmpty()) {
                    return; // nothing left to claim and nothing held
                }
                for (String id : items) {
                    if (held.size() >= hold) {
                        break;
                    }
                    Reply claim = call(advisor, "claim", id, "POST", "/api/v1/questions/" + id + "/claim");
                    if (claim == null) {
                        break;
                    }
                    claimNanos.add(claim.nanos());
                    String code = claim.code();
                    if (claim.status() == 200) {
                        String holder = claim.json().path("claim").path("advisorId").asString("");
                        if (!advisor.id.equals(holder) || !"CLAIMED".equals(claim.json().path("status").asString(""))) {
                            outcome("claim 200 with claim " + holder + " " + claim.json().path("status").asString(""), false);
                        } else {
                            outcome("claim 200", true);
                        }
                        claims.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(advisor.index);
                        if (!ours.contains(id)) {
                            outcome("claim 200 of a question of another run", false);
                        }
                        held.add(id);
                        int total = claimOk.incrementAndGet();
                        if (crash != null) {
                            if (!crash.checked) {
                                crash.ackedClaims.put(id, advisor.index);
                            }
                            try {
                                crash.claimed(total);
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    } else if (claim.status() == 409 && code.equals("ALREADY_CLAIMED")) {
                        outcome("claim 409 ALREADY_CLAIMED", true);
                    } else if (claim.status() == 409 && code.equals("QUESTION_STATE_CHANGED")) {
                        outcome("claim 409 QUESTION_STATE_CHANGED", true); // claimed and answered since the page was read
                    } else if (claim.status() == 409 && code.equals("CLAIM_LIMIT_REACHED")) {
                        outcome("claim 409 CLAIM_LIMIT_REACHED", true);
                        break;
                    } else {
                        outcome("claim " + claim.describe(), false);
                    }
                }
                if (held.isEmpty() && !items.isEmpty()) {
                    continue; // every item of the page was taken: ask for the queue again
                }
                for (String id : new ArrayList<>(held)) {
                    Reply answer = call(advisor, "answer", id, "POST", "/api/v1/questions/" + id + "/answer");
                    held.remove(id);
                    if (answer == null) {
                        break; // the outage: /queue/mine says afterwards what is still held
                    }
                    answerNanos.add(answer.nanos());
                    if (answer.status() == 200 && "ANSWERED".equals(answer.json().path("status").asString(""))) {
                        outcome("answer 200", true);
                        answerOk.incrementAndGet();
                        answers.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(advisor.index);
                        if (crash != null && !crash.checked) {
                            crash.ackedAnswers.put(id, advisor.index);
                        }
                    } else if (crash != null && answer.status() == 409 && answer.code().equals("NOT_CLAIMED_BY_YOU")
                            && crash.lostClaims.containsKey(id)) {
                        // an acknowledged claim the restart did not keep: counted by the check
                        outcome("answer 409 NOT_CLAIMED_BY_YOU (claim lost in the restart)", true);
                    } else {
                        outcome("answer " + answer.describe(), false);
                    }
                }
            }
        }
    }

    // ---- checks through the API ----

    /** What the check found. */
    static final class Verdict {
        final List<String> problems = new ArrayList<>();
        int exact;
        int answered;
        int doubleClaims;
        int claimedTwice;
        int claimedTwiceAfterLoss;
        int answeredTwice;
    }

    /**
     * The village's questions through the admin list and each question's history, against the answers the advisors
     * got: each question answered, one CLAIMED and one ANSWERED in its history by the same advisor, who was the one
     * answered 200 to its claim; no advisor holding anything.
     */
    private Verdict verify(Prepared prepared, Race race, boolean crashed) {
        Verdict verdict = new Verdict();
        Map<String, JsonNode> questions = fetchAll(prepared, verdict.problems);
        Map<String, Integer> lostClaims = race.crash == null ? Map.of() : race.crash.lostClaims;
        for (String id : prepared.ids) {
            JsonNode question = questions.get(id);
            if (question == null) {
                continue;
            }
            List<JsonNode> claims = history(question, "CLAIMED");
            List<JsonNode> answers = history(question, "ANSWERED");
            List<Integer> claimOks = race.claims.getOrDefault(id, List.of());
            List<Integer> answerOks = race.answers.getOrDefault(id, List.of());
            boolean answered = "ANSWERED".equals(question.path("status").asString(""));
            verdict.answered += answered ? 1 : 0;
            verdict.doubleClaims += claims.size() > 1 ? 1 : 0;
            int answerMessages = 0;
            for (JsonNode message : question.path("messages").values()) {
                answerMessages += "ANSWER".equals(message.path("kind").asString("")) ? 1 : 0;
            }
            String claimant = claims.size() == 1 ? claims.get(0).path("actorName").asString("") : null;
            // the advisor the history names must be the one (the last one, after a lost claim) answered 200
            String acknowledged = claimOks.isEmpty() ? null : advisors.get(claimOks.get(claimOks.size() - 1)).name;
            boolean historyOk = answered && claims.size() == 1 && answers.size() == 1 && answerMessages == 1
                    && claimant.equals(answers.get(0).path("actorName").asString(""))
                    && !Instant.parse(claims.get(0).path("at").asString()).isAfter(Instant.parse(answers.get(0).path("at").asString()))
                    && history(question, "LEASE_EXPIRED").isEmpty() && history(question, "RELEASED").isEmpty();
            boolean oneClaimOk;
            if (claimOks.size() == 1) {
                oneClaimOk = true;
            } else if (crashed && claimOks.size() == 2 && lostClaims.containsKey(id)
                    && lostClaims.get(id).equals(claimOks.get(0))) {
                oneClaimOk = true; // the first was acknowledged before the kill and not kept
                verdict.claimedTwiceAfterLoss++;
            } else {
                oneClaimOk = false;
            }
            verdict.claimedTwice += claimOks.size() > 1 ? 1 : 0;
            verdict.answeredTwice += answerOks.size() > 1 ? 1 : 0;
            // without a crash the one claim answered 200 is the claim in the history; after one, a claim whose answer
            // the outage cut off may be the one kept (the advisor found it in /queue/mine)
            boolean sameAdvisor = claimant != null && (acknowledged == null ? crashed : claimant.equals(acknowledged));
            if (historyOk && sameAdvisor && (oneClaimOk || crashed && claimOks.isEmpty())) {
                verdict.exact++;
            } else {
                verdict.problems.add(id + ": " + question.path("status").asString("") + ", history claims " + actors(claims)
                        + " answers " + actors(answers) + ", " + answerMessages + " answer messages; claims answered 200 to "
                        + names(claimOks) + ", answers 200 to " + names(answerOks));
            }
            if (!crashed && answerOks.size() != 1) {
                verdict.problems.add(id + ": answers answered 200 to " + names(answerOks));
            }
        }
        if (questions.size() != questionCount) {
            verdict.problems.add(questions.size() + " questions in the API, not " + questionCount);
        }
        for (Advisor advisor : advisors) {
            List<String> held = mine(advisor);
            if (!held.isEmpty()) {
                verdict.problems.add(advisor.name + " still holds " + held);
            }
        }
        return verdict;
    }

    /** Every question of the village (admin list, all pages) with its full view; problems for strays and gaps. */
    private Map<String, JsonNode> fetchAll(Prepared prepared, List<String> problems) {
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = expect(get("/api/v1/admin/questions?region=" + prepared.village + "&limit=50"
                    + (cursor == null ? "" : "&cursor=" + cursor), admin()), 200);
            for (JsonNode item : page.path("items").values()) {
                listed.add(item.path("id").asString());
            }
            JsonNode next = page.path("nextCursor");
            cursor = next.isNull() || next.isMissingNode() ? null : next.asString();
        } while (cursor != null);
        Set<String> asked = new HashSet<>(prepared.ids);
        Set<String> seen = new LinkedHashSet<>(listed);
        if (seen.size() != listed.size()) {
            problems.add("the admin list shows " + (listed.size() - seen.size()) + " questions twice");
        }
        if (!seen.equals(asked)) {
            Set<String> missing = new HashSet<>(asked);
            missing.removeAll(seen);
            Set<String> stray = new HashSet<>(seen);
            stray.removeAll(asked);
            problems.add("the admin list differs from the questions asked: missing " + missing + ", others " + stray);
        }
        Map<String, JsonNode> questions = new ConcurrentHashMap<>();
        List<String> ids = prepared.ids;
        all(ids.size(), i -> {
            Reply reply = get("/api/v1/questions/" + ids.get(i), admin());
            if (reply.status() == 200) {
                questions.put(ids.get(i), reply.json());
            } else {
                synchronized (problems) {
                    problems.add("question " + ids.get(i) + ": " + reply.describe());
                }
            }
            return null;
        }, 8);
        return questions;
    }

    private static List<JsonNode> history(JsonNode question, String action) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode entry : question.path("history").values()) {
            if (action.equals(entry.path("action").asString(""))) {
                found.add(entry);
            }
        }
        return found;
    }

    private static List<String> actors(List<JsonNode> entries) {
        return entries.stream().map(entry -> entry.path("actorName").asString("")).toList();
    }

    private List<String> names(List<Integer> indexes) {
        return indexes.stream().map(i -> advisors.get(i).name).toList();
    }

    private Advisor advisorById(String id) {
        return advisors.stream().filter(advisor -> advisor.id.equals(id)).findFirst().orElse(null);
    }

    /** The questions the advisor holds, by the API. */
    private List<String> mine(Advisor advisor) {
        List<String> held = new ArrayList<>();
        for (JsonNode item : expect(get("/api/v1/queue/mine", advisor.token), 200).path("items").values()) {
            held.add(item.path("id").asString());
        }
        return held;
    }

    // ---- set-up through the admin API ----

    private String admin() {
        String token = admin;
        if (token == null || System.nanoTime() - adminAt > TimeUnit.MINUTES.toNanos(10)) { // access tokens live 15 min
            token = expect(send("POST", "/api/v1/auth/login", null,
                    Map.of("username", env("ADMIN_USER", "zn-admin"), "password", env("ADMIN_PASSWORD", "Demo@2026"))), 200)
                    .path("access_token").asString();
            adminAt = System.nanoTime();
            admin = token;
        }
        return token;
    }

    /** The benchmark's advisors, registered in the county (their agreements are made per village). */
    private void createAdvisors() {
        Advisor[] created = new Advisor[advisorCount];
        all(advisorCount, i -> {
            Map<String, Object> advisor = new HashMap<>();
            String name = String.format(Locale.ROOT, "问答压测顾问%02d-%s", i + 1, nonce);
            advisor.put("name", name);
            advisor.put("lawFirm", "甘肃正宁律师事务所");
            advisor.put("licenceNo", "16210201910123456");
            advisor.put("phone", "13912345678");
            advisor.put("publicPhone", "0934-5551234");
            advisor.put("serviceScope", "土地承包、婚姻家庭");
            advisor.put("regionCode", COUNTY);
            String username = "qb-" + nonce + "-" + (i + 1);
            advisor.put("username", username);
            JsonNode made = expect(send("POST", "/api/v1/admin/advisors", admin(), advisor), 201);
            created[i] = new Advisor(i, made.path("advisor").path("id").asString(), name, username,
                    made.path("initialPassword").asString());
            return null;
        }, 8);
        advisors.clear();
        advisors.addAll(List.of(created));
    }

    /** Opens {@code count} keep-alive connections, one per advisor's phone. */
    private void warm(int count) {
        all(count, i -> get("/oauth2/jwks", null), count);
    }

    /** Runs {@code count} calls, at most {@code parallel} at once, and waits for them all (the first failure throws). */
    private static void all(int count, IntFunction<Object> call, int parallel) {
        ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, count)));
        try {
            List<Future<Object>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                calls.add(executor.submit(() -> call.apply(index)));
            }
            for (Future<Object> done : calls) {
                done.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            executor.shutdownNow();
        }
    }

    // ---- HTTP and figures ----

    private Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    private Reply send(String method, String path, String token, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), System.nanoTime() - start);
        } catch (IOException e) {
            return new Reply(0, e.toString(), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode expect(Reply reply, int status) {
        if (reply.status() != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply.status() + ": " + reply.body());
        }
        return reply.json();
    }

    private static long[] sorted(List<Long> nanos) {
        synchronized (nanos) {
            return nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        }
    }

    /** Nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String spread(List<Long> nanos) {
        long[] all = sorted(nanos);
        return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f", percentile(all, 50), percentile(all, 90),
                percentile(all, 99), percentile(all, 100));
    }

    private static String short2(List<Long> nanos) {
        long[] all = sorted(nanos);
        return String.format(Locale.ROOT, "%.0f / %.0f", percentile(all, 50), percentile(all, 99));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
