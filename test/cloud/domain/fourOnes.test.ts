import { fourOnesOf } from '../../../cloud/store/port'

const complete = { leaderCount: 2, baseAddress: '西湖区某路 1 号', onlineCount: 1, hasProject: true }

describe('fourOnesOf (四个一)', () => {
  it('is complete when every one is there', () => {
    expect(fourOnesOf(complete)).toEqual({ leader: true, physicalBase: true, onlineBase: true, project: true })
  })

  it.each([
    ['leader', { leaderCount: 0 }],
    ['physicalBase', { baseAddress: '' }],
    ['physicalBase', { baseAddress: '   ' }],
    ['onlineBase', { onlineCount: 0 }],
    ['project', { hasProject: false }],
  ])('misses only %s when %j', (missing, change) => {
    const ones = fourOnesOf({ ...complete, ...change })
    expect(ones).toEqual({ leader: true, physicalBase: true, onlineBase: true, project: true, [missing]: false })
  })

  it('is empty for a bare grid', () => {
    expect(fourOnesOf({ leaderCount: 0, baseAddress: '', onlineCount: 0, hasProject: false })).toEqual({
      leader: false,
      physicalBase: false,
      onlineBase: false,
      project: false,
    })
  })
})
