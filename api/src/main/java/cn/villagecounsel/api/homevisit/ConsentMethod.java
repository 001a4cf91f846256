package cn.villagecounsel.api.homevisit;

import io.swagger.v3.oas.annotations.media.Schema;

/** How a neighbour agreed that a legal-savvy resident asks on their behalf. */
@Schema(description = "邻居同意代为申请的方式：VERBAL 口头同意，WRITTEN 书面同意，THUMBPRINT 按手印")
enum ConsentMethod {
    VERBAL("口头同意"),
    WRITTEN("书面同意"),
    THUMBPRINT("按手印");

    private final String label;

    ConsentMethod(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
