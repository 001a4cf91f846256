/**
 * Duty schedules (值班安排): recurring rules for an advisor's on-site days in a village (驻村) and desk duty
 * at a judicial office or legal service station (坐班), materialised into concrete sessions that the notice
 * board shows and the booking feature books. {@link cn.villagecounsel.api.duty.DutySchedule} is the read
 * side other features use.
 */
package cn.villagecounsel.api.duty;
