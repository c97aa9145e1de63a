import { useEffect, useRef, useState } from 'react'
import type { Idea, PlanDetail } from '../../../../types'
import { useAction } from '../../../hooks/useAction'
import { call } from '../../../services/call'

export type Sort = 'newest' | 'likes'

/**
 * Ideas with the like a tap just made, rolled back when the server says no. The plan brings the first page;
 * 加载更多 appends the next ones (skipping any already shown, in case new ideas moved the pages).
 */
export function useIdeas(plan: PlanDetail | undefined, sort: Sort) {
  const [ideas, setIdeas] = useState<Idea[]>([])
  const [cursor, setCursor] = useState<string | undefined>()
  const [loadingMore, runMore] = useAction()
  const [, runLike] = useAction()
  const liking = useRef(new Set<string>())
  useEffect(() => {
    setIdeas(plan?.ideas ?? [])
    setCursor(plan?.nextCursor)
  }, [plan])

  const more = () =>
    runMore(async () => {
      if (!plan || !cursor) return
      const next = await call('plans.get', { planId: plan.id, sort, cursor })
      setIdeas((all) => [...all, ...next.ideas.filter((i) => !all.some((a) => a.id === i.id))])
      setCursor(next.nextCursor)
    })

  const patch = (id: string, change: Partial<Idea>) =>
    setIdeas((all) => all.map((i) => (i.id === id ? { ...i, ...change } : i)))

  const like = async (idea: Idea) => {
    if (liking.current.has(idea.id)) return
    liking.current.add(idea.id)
    const wanted = !idea.likedByMe
    patch(idea.id, { likedByMe: wanted, likes: Math.max(0, idea.likes + (wanted ? 1 : -1)) })
    await runLike(async () => {
      try {
        patch(idea.id, await call('plans.likeIdea', { ideaId: idea.id, like: wanted }))
      } catch (err) {
        patch(idea.id, { likedByMe: idea.likedByMe, likes: idea.likes })
        throw err
      }
    })
    liking.current.delete(idea.id)
  }

  const put = (idea: Idea) =>
    setIdeas((all) =>
      all.some((i) => i.id === idea.id) ? all.map((i) => (i.id === idea.id ? idea : i)) : [idea, ...all],
    )

  return { ideas, like, put, more: cursor ? more : undefined, loadingMore }
}
