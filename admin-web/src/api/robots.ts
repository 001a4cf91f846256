import { request } from './http'

// WeCom group robots (企业微信群机器人) that post notifications into a township's or a village's group chat.
// The webhook URL is a secret: it is sent once when the robot is added and never shown again (only `keyHint`).

export type RobotPurpose = 'TOWNSHIP_ADVISORS' | 'VILLAGE_TEAM'

export const ROBOT_PURPOSES: { value: RobotPurpose; label: string }[] = [
  { value: 'TOWNSHIP_ADVISORS', label: '乡镇法律顾问群' },
  { value: 'VILLAGE_TEAM', label: '村“1+N”群' },
]

export function robotPurposeLabel(purpose: string): string {
  return ROBOT_PURPOSES.find((known) => known.value === purpose)?.label ?? purpose
}

export interface Robot {
  id: string
  name: string
  regionCode: string
  purpose: RobotPurpose
  /** The end of the webhook key, e.g. `****a1b2`. */
  keyHint: string
  createdAt: string
}

export interface CreateRobot {
  name: string
  regionCode: string
  purpose: RobotPurpose
  /** The robot's full webhook URL, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…`. */
  webhook: string
}

const base = '/api/v1/admin/robots'

export function listRobots(region?: string): Promise<Robot[]> {
  return request<Robot[]>(base, { query: { region: region || undefined } })
}

/** Bad input is refused with 400 and `errors[]` per field. */
export function createRobot(body: CreateRobot): Promise<Robot> {
  return request<Robot>(base, { method: 'POST', json: body })
}

export function deleteRobot(id: string): Promise<void> {
  return request<void>(`${base}/${encodeURIComponent(id)}`, { method: 'DELETE' })
}
