package cn.villagecounsel.api.demo;

import java.util.List;

import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.region.Region;

/** The shape of {@code demo/zhengning.json}. */
record DemoData(String password, String partnerSecret, List<Region> regions, List<Staff> staff,
        List<Partner> partners) {

    record Staff(String username, String displayName, List<Role> roles, List<String> regions) {
    }

    record Partner(String clientId, String name, List<String> regions, List<String> scopes) {
    }
}
