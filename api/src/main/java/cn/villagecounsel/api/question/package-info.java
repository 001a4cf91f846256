/**
 * Questions and the shared answer queue: residents and legal-savvy residents ask, advisors claim one at a time
 * (a lease on one conditional update), answer, release or transfer; unclaimed questions widen from the village to the
 * township and the county. Every state change is one conditional update on the question document and is recorded in
 * its history. See docs/questions.md.
 */
package cn.villagecounsel.api.question;
