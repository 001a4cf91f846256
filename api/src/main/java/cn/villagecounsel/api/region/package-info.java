/** The administrative division tree (province to village) keyed by 12-digit statistical codes. */
package cn.villagecounsel.api.region;
