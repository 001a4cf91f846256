package cn.villagecounsel.api.demo;

import java.util.List;
import java.util.Map;

import cn.villagecounsel.api.common.Role;
import cn.villagecounsel.api.region.Region;

/** The shape of {@code demo/zhengning.json}. */
record DemoData(String password, String partnerSecret, List<Region> regions, List<Staff> staff,
        List<Partner> partners, List<Advisor> advisors, List<String> unfiledVillages, List<String> villagesWithoutDuty, Team team) {

    record Staff(String username, String displayName, List<Role> roles, List<String> regions) {
    }

    record Partner(String clientId, String name, List<String> regions, List<String> scopes) {
    }

    /** An advisor with a staff account and a filed agreement with each of {@code villages}. */
    record Advisor(String username, String name, String lawFirm, String licenceNo, String phone, String publicPhone,
            String serviceScope, List<String> villages) {
    }

    /** 1+N teams: {@code defaultSize} invented people per village, fewer where {@code sizes} says so. */
    record Team(Map<String, Integer> sizes, int defaultSize, List<String> surnames, List<String> givenNames) {
    }
}
