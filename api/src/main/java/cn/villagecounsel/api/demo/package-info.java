/** Demo county, staff accounts and partner client loaded on the embedded run; never under the prod profile. */
package cn.villagecounsel.api.demo;
