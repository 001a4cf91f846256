/**
 * The Official Account's server callback ({@code /wx/mp}): WeChat's check of our server, and the messages people write
 * to the account. Text from a person we know (by unionid) with a chosen village becomes a question through
 * {@link cn.villagecounsel.api.question.QuestionIntake}; text from anyone else waits until they have chosen their
 * village in the mini-program. See docs/wechat.md.
 */
package cn.villagecounsel.api.officialaccount;
