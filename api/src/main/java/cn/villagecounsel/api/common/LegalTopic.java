package cn.villagecounsel.api.common;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What a consultation or question is about: the matters village advisors meet most, as the 1+N programme's
 * materials group them. Stable codes for the API; labels for people.
 */
@Schema(description = """
        咨询事项：FAMILY 婚姻家庭，INHERITANCE 继承赡养，LAND 土地承包与流转，HOMESTEAD 宅基地与房屋，\
        LABOUR 劳动用工与欠薪，DEBT_CONTRACT 借贷与合同，PERSONAL_INJURY 人身损害与交通事故，NEIGHBOUR 邻里纠纷，\
        CONSUMER 消费维权，SOCIAL_SECURITY 社会保障，ADMINISTRATIVE 行政事务，OTHER 其他""")
public enum LegalTopic {
    FAMILY("婚姻家庭"),
    INHERITANCE("继承赡养"),
    LAND("土地承包与流转"),
    HOMESTEAD("宅基地与房屋"),
    LABOUR("劳动用工与欠薪"),
    DEBT_CONTRACT("借贷与合同"),
    PERSONAL_INJURY("人身损害与交通事故"),
    NEIGHBOUR("邻里纠纷"),
    CONSUMER("消费维权"),
    SOCIAL_SECURITY("社会保障"),
    ADMINISTRATIVE("行政事务"),
    OTHER("其他");

    private final String label;

    LegalTopic(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
