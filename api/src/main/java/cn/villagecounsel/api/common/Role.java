package cn.villagecounsel.api.common;

/** What a signed-in party is; carried in the token's {@code roles} claim. */
public enum Role {
    /** 村民 */
    RESIDENT,
    /** 法律明白人 */
    NAVIGATOR,
    /** 法律顾问 */
    ADVISOR,
    /** 司法所/司法局工作人员 */
    ADMIN,
    /** 合作系统（client credentials） */
    PARTNER;

    public String authority() {
        return "ROLE_" + name();
    }
}
