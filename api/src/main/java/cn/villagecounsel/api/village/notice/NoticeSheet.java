package cn.villagecounsel.api.village.notice;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a printed village notice shows. Lists may be longer than the page: the renderer shows what fits (at most
 * {@link NoticeLayout#MAX_SESSIONS} sessions) and says how many more there are.
 *
 * @param villageName the village (or community), required
 * @param townshipName the township, may be null
 * @param countyName the county, may be null
 * @param advisors the village's advisors under an active, filed agreement
 * @param deskDuty regular desk duty at the judicial office or legal service station
 * @param sessions upcoming sessions; shown by date and start time
 * @param team the 1+N team (legal-savvy residents)
 * @param qrPng the mini-program code (PNG or JPEG) that opens this village, required
 */
public record NoticeSheet(String villageName, String townshipName, String countyName, List<Advisor> advisors,
        List<DeskDuty> deskDuty, List<Session> sessions, List<Member> team, byte[] qrPng) {

    public NoticeSheet {
        if (villageName == null || villageName.isBlank()) {
            throw new IllegalArgumentException("villageName is required");
        }
        Objects.requireNonNull(qrPng, "qrPng is required");
        qrPng = qrPng.clone();
        advisors = (advisors == null) ? List.of() : List.copyOf(advisors);
        deskDuty = (deskDuty == null) ? List.of() : List.copyOf(deskDuty);
        sessions = (sessions == null) ? List.of()
                : sessions.stream().sorted(Comparator.comparing(Session::date).thenComparing(Session::start)).toList();
        team = (team == null) ? List.of() : List.copyOf(team);
    }

    /** A copy: the sheet stays unchanged. */
    @Override
    public byte[] qrPng() {
        return qrPng.clone();
    }

    @Override
    public String toString() {
        return "NoticeSheet[village=" + villageName + ", township=" + townshipName + ", county=" + countyName
                + ", advisors=" + advisors.size() + ", deskDuty=" + deskDuty.size() + ", sessions=" + sessions.size()
                + ", team=" + team.size() + ", qrPng=" + qrPng.length + " bytes]";
    }

    /**
     * An advisor as the board shows them; everything but the name may be null.
     */
    public record Advisor(String name, String lawFirm, String licenceNo, String publicPhone, String serviceScope) {

        public Advisor {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * Regular desk duty, e.g. 王芳, 山河镇公共法律服务工作站, 每周一至周五 09:00–12:00.
     */
    public record DeskDuty(String advisorName, String place, String schedule) {
    }

    /**
     * One upcoming session; {@code modeLabel} such as 现场, 电话, 视频. Place, mode and advisor may be null.
     */
    public record Session(LocalDate date, LocalTime start, LocalTime end, String place, String modeLabel,
            String advisorName) {

        public Session {
            Objects.requireNonNull(date, "date");
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }
    }

    /**
     * A member of the 1+N team; {@code phone} only where they consented to show it, else null.
     */
    public record Member(String name, String roleLabel, String phone) {

        public Member {
            Objects.requireNonNull(name, "name");
        }
    }
}
