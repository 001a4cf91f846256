package cn.villagecounsel.api.team;

/** What a legal-savvy resident is in the village besides; shown on the notice board. */
public enum NavigatorRole {
    VILLAGE_COMMITTEE("村两委"),
    MEDIATOR("调解员"),
    GRID_WORKER("网格员"),
    GROUP_LEADER("村民小组长"),
    VETERAN("退役军人"),
    PARTY_MEMBER("党员"),
    OTHER("其他");

    private final String label;

    NavigatorRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
