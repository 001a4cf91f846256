/**
 * The village's 1+N team: legal-savvy residents (法律明白人) paired with the advisor, each invited into the
 * mini-program by a one-time code that makes their WeChat account a {@code NAVIGATOR} of the village.
 */
package cn.villagecounsel.api.team;
