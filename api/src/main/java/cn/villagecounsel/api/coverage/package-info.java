/**
 * The coverage dashboard: which villages lack what the policies require (an advisor under a filed agreement,
 * at least 6 legal-savvy residents, an on-site session this month), per village, township and county.
 */
package cn.villagecounsel.api.coverage;
