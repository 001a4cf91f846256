package cn.villagecounsel.api.homevisit;

import io.swagger.v3.oas.annotations.media.Schema;

/** Why the person cannot come to the advisor: the green-channel groups of the policy. */
@Schema(description = "上门服务对象：ELDERLY 高龄老人，DISABLED 残疾人，SERIOUSLY_ILL 重病患者")
enum Eligibility {
    ELDERLY("高龄老人"),
    DISABLED("残疾人"),
    SERIOUSLY_ILL("重病患者");

    private final String label;

    Eligibility(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
