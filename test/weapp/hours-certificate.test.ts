/**
 * 保存到相册 of the 志愿服务记录证明 in the real weapp build: the page draws the certificate on its
 * `<Canvas type='2d'>` node, turns it into a file (canvasToTempFilePath) and saves that to the album
 * (saveImageToPhotosAlbum, which WeChat holds for the privacy consent the page draws).
 */
import { fakeCanvas } from '../support/canvas'
import { open, type SimElement } from './flow'

interface Wx {
  createSelectorQuery: () => unknown
  canvasToTempFilePath: (o: { canvas: unknown; success?: (r: unknown) => void }) => void
  saveImageToPhotosAlbum: (o: { filePath: string; success?: (r: unknown) => void }) => void
}

describe('the certificate in the weapp build', () => {
  it('saves a picture drawn on the page’s canvas to the album', async () => {
    const { page, waitFor } = await open('hours/pages/certificate/index', async () => ({}), '志愿服务记录证明')
    expect(page.dom.textContent).toContain('陈晓青')
    expect(page.dom.textContent).not.toContain('打印证明')

    const { drawn, canvas } = fakeCanvas()
    const wx = (global as unknown as { wx: Wx }).wx
    const plain = wx.createSelectorQuery
    const asked: unknown[] = []
    wx.createSelectorQuery = () => {
      const query = {
        in: () => query,
        select: (selector: string) => {
          asked.push(selector)
          return query
        },
        fields: () => query,
        boundingClientRect: () => query,
        exec: (cb?: (r: unknown[]) => void) => cb?.([{ node: canvas, width: 750, height: 1200 }]),
      }
      return query
    }
    const converted: unknown[] = []
    wx.canvasToTempFilePath = (o) => {
      converted.push(o.canvas)
      o.success?.({ tempFilePath: 'wxfile://tmp/certificate.png', errMsg: 'canvasToTempFilePath:ok' })
    }
    const saved: string[] = []
    wx.saveImageToPhotosAlbum = (o) => {
      saved.push(o.filePath)
      o.success?.({ errMsg: 'saveImageToPhotosAlbum:ok' })
    }
    try {
      const buttons = page.querySelectorAll('.nut-button') as (SimElement & { dom: HTMLElement })[]
      const save = buttons.find((b) => b.dom.textContent?.includes('保存到相册'))
      expect(save).toBeDefined()
      save?.dispatchEvent('tap')
      await waitFor(() => saved.length > 0)
      expect(asked).toContain('#certificate-canvas')
      expect(converted).toEqual([canvas])
      expect(saved).toEqual(['wxfile://tmp/certificate.png'])
      expect(canvas.width).toBe(1500)
      expect(drawn).toContain('志愿服务记录证明')
      expect(drawn.join('\n')).toContain('陈晓青')
      expect(drawn).toContain('（盖章处）')
    } finally {
      wx.createSelectorQuery = plain
    }
  })
})
