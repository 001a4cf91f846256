package cn.villagecounsel.api.notification;

import java.util.List;

import cn.villagecounsel.wechat.GroupRobots;

/**
 * What the dispatcher may use: the channels tried in order for a person, and WeCom robots for staff groups (null in
 * sandbox mode, where robot messages go to the sandbox like everything else).
 */
record Channels(List<Channel> forPeople, GroupRobots robots) {
}
