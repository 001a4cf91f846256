/** Mainland mobile numbers. */
export const MOBILE_PHONE = /^1[3-9]\d{9}$/

/** A mobile number, or a landline with area code (0934-1234567). */
export const MOBILE_OR_LANDLINE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/

/** 12-digit statistical division code. */
export const REGION_CODE = /^\d{12}$/

/** Lawyer's or legal worker's licence number. */
export const LICENCE_NO = /^[0-9A-Za-z-]{6,30}$/

/** Staff usernames: lower case, starting with a letter or digit. */
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/

/** A WeCom group robot's webhook URL, with its key. */
export const ROBOT_WEBHOOK = /^https:\/\/qyapi\.weixin\.qq\.com\/cgi-bin\/webhook\/send\?key=[0-9A-Za-z_-]+$/
