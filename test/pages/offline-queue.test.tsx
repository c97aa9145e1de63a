/** Pure unit tests of the offline scan queue (src/services/offlineQueue.ts). */
import { call, CallError, setTransport } from '../../src/services/call'
import {
  flushPending,
  isRetryable,
  listPending,
  memoryQueue,
  newScan,
  sendScan,
  storageQueue,
  type PendingScan,
  type ScanResult,
} from '../../src/services/offlineQueue'

const networkDown = () => new CallError({ code: 'NETWORK', message: '网络好像不太顺畅，请稍后再试' })
const expired = () => new CallError({ code: 'CODE_EXPIRED', message: '签到码已过期' })

function answer(scan: PendingScan): ScanResult {
  return {
    checkIn: { id: `c_${scan.requestId}`, gridId: 'g1', method: 'poster', verifiedBy: ['poster'], at: scan.scannedAt },
    grid: { id: 'g1', name: '莲花商圈楼宇网格' },
    firstReport: false,
    duplicate: false,
  }
}

describe('offline queue', () => {
  it('keeps a scan that failed for the network, with its request id', async () => {
    const queue = memoryQueue()
    const scan = newScan('P.g1.abcdabcdabcd', 'req-0001-aaaa')
    const outcome = await sendScan(queue, scan, () => Promise.reject(networkDown()))
    expect(outcome.status).toBe('queued')
    expect(listPending(queue)).toEqual([{ ...scan, attempts: 1 }])
  })

  it('retries with the same request id and drops the scan once answered', async () => {
    const queue = memoryQueue()
    const scan = newScan('P.g1.abcdabcdabcd', 'req-0002-bbbb')
    await sendScan(queue, scan, () => Promise.reject(networkDown()))
    await flushPending(queue, () => Promise.reject(networkDown()))
    expect(listPending(queue)).toHaveLength(1)
    expect(listPending(queue)[0].attempts).toBe(2)

    const sent: string[] = []
    const outcomes = await flushPending(queue, async (s) => {
      sent.push(s.requestId)
      return answer(s)
    })
    expect(sent).toEqual(['req-0002-bbbb'])
    expect(outcomes.map((o) => o.status)).toEqual(['done'])
    expect(listPending(queue)).toEqual([])
  })

  it('drops a scan the server refused for good (a final answer is not retried)', async () => {
    const queue = memoryQueue([{ ...newScan('L.s1.1.abcdabcdabcdabcd', 'req-0003-cccc'), attempts: 1 }])
    const outcomes = await flushPending(queue, () => Promise.reject(expired()))
    expect(outcomes[0]).toMatchObject({ status: 'refused', error: { code: 'CODE_EXPIRED' } })
    expect(listPending(queue)).toEqual([])
  })

  it('sends the oldest first and stops while the network is still down', async () => {
    const queue = memoryQueue([
      newScan('P.g1.aaaaaaaaaaaa', 'req-a-000001'),
      newScan('P.g2.bbbbbbbbbbbb', 'req-b-000002'),
    ])
    const sent: string[] = []
    const outcomes = await flushPending(queue, (s) => {
      sent.push(s.requestId)
      return Promise.reject(networkDown())
    })
    expect(sent).toEqual(['req-a-000001'])
    expect(outcomes).toHaveLength(1)
    expect(listPending(queue).map((s) => s.requestId)).toEqual(['req-a-000001', 'req-b-000002'])
  })

  it('does not queue the same request id twice', async () => {
    const queue = memoryQueue()
    const scan = newScan('P.g1.abcdabcdabcd', 'req-0004-dddd')
    await sendScan(queue, scan, () => Promise.reject(networkDown()))
    await sendScan(queue, scan, () => Promise.reject(networkDown()))
    expect(listPending(queue)).toHaveLength(1)
  })

  it('treats only missing answers as retryable', () => {
    expect(isRetryable(networkDown())).toBe(true)
    expect(isRetryable(new CallError({ code: 'INTERNAL', message: 'x' }))).toBe(true)
    expect(isRetryable(new Error('socket hang up'))).toBe(true)
    for (const code of ['CODE_INVALID', 'CODE_EXPIRED', 'OUT_OF_RANGE', 'CLOSED', 'BAD_REQUEST'] as const) {
      expect(isRetryable(new CallError({ code, message: 'x' }))).toBe(false)
    }
  })

  it('keeps the queue in Taro storage across page loads', async () => {
    const scan = newScan('P.g1.abcdabcdabcd', 'req-0005-eeee')
    await sendScan(storageQueue, scan, () => Promise.reject(networkDown()))
    expect(storageQueue.load()).toEqual([{ ...scan, attempts: 1 }])
    await flushPending(storageQueue, async (s) => answer(s))
    expect(storageQueue.load()).toEqual([])
  })

  it('reports a transport that got no answer as NETWORK, so the scan is kept', async () => {
    setTransport(() => Promise.reject(new TypeError('Failed to fetch')))
    const queue = memoryQueue()
    const scan = newScan('P.g1.abcdabcdabcd', 'req-0006-ffff')
    const outcome = await sendScan(queue, scan, (s) => call('checkin.scan', { code: s.code, requestId: s.requestId }))
    expect(outcome.status).toBe('queued')
    await expect(call('checkin.mine', {})).rejects.toMatchObject({ code: 'NETWORK' })
    expect(listPending(queue)).toHaveLength(1)
  })
})
