/** Sign-in for residents (WeChat), staff (password) and partner systems (client credentials); tokens; the current user. */
package cn.villagecounsel.api.account;
